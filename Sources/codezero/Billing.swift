import App
import ArgumentParser

/// `codezero billing run [--as-of T]`.
struct Billing: CommandGroup {
    static let configuration = CommandConfiguration(
        abstract: "Subscription billing.", subcommands: [Run.self])

    /// `codezero billing run`.
    struct Run: InvocationCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Close every ended subscription period, charge its invoice and start due dunning retries (the jobs process does it continuously).",
            discussion: "Exit 70 when some periods failed (they stay due), 69 without a database.")

        @Option(
            name: .customLong("as-of"),
            help: "Bill as if it were this moment (RFC 3339 or seconds since 1970; CODEZERO_ENV=development only).")
        var asOf: String?

        var invocation: Invocation { .billingRun(asOf: asOf) }
    }
}
