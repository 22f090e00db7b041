import App
import ArgumentParser

/// `codezero`: the one binary — pool, worker, jobs, migrations, development database and operator tools.
///
/// Each subcommand only parses its arguments into an ``Invocation``; App runs it. Help goes to standard
/// output with exit 0, usage errors to standard error with exit 64 (EX_USAGE), an invalid configuration
/// exits 78 (EX_CONFIG) — statuses systemd and operators can act on.
@main
struct Codezero: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codezero",
        abstract: "Code Zero: the FastCGI pool, its jobs process and their operator tools.",
        discussion: "Configuration comes from the environment; see README.md or `codezero check-config`.",
        subcommands: [
            Serve.self, Worker.self, Jobs.self, Trigger.self, Migrate.self, Database.self, CheckConfig.self,
            Status.self, User.self, Billing.self,
        ])

    /// Without a subcommand: a usage error (64), not a silent success.
    func run() throws {
        throw ValidationError("missing subcommand")
    }
}
