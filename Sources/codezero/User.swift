import App
import ArgumentParser

/// `codezero user create --role admin|finance --email ADDRESS`.
struct User: CommandGroup {
    static let configuration = CommandConfiguration(
        abstract: "Internal staff users.", subcommands: [Create.self])

    /// `codezero user create`.
    struct Create: InvocationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff user in the operator company.",
            discussion: """
                The password comes from CODEZERO_USER_PASSWORD or, when unset, the first line of standard input — \
                never from the command line. Exit 65 when the role, address or password is refused.
                """)

        @Option(help: "admin or finance.")
        var role: String

        @Option(help: "The user's e-mail address.")
        var email: String

        var invocation: Invocation { .createUser(role: role, email: email) }
    }
}
