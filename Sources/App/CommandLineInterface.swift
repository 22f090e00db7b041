import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Dispatches `codezero <subcommand>`; each subcommand returns a process exit status.
///
/// Exit statuses follow `sysexits.h` where systemd and operators care: 64 usage, 69 unavailable
/// (database), 70 internal, 78 configuration.
public enum CommandLineInterface {
    /// The subcommands and their one-line help.
    static let commands: [(name: String, help: String)] = [
        ("serve", "run the FastCGI pool (master + workers) on the unix socket"),
        ("worker", "one pool worker (started by serve; internal)"),
        ("jobs", "the background jobs process (Stripe events, fulfilment, reconciliation)"),
        ("trigger", "dev: sign and post a Stripe-style test event to the local webhook"),
        ("migrate", "apply sql/NNNN_*.sql in order (--status, --verify)"),
        ("db", "the embedded PostgreSQL cluster: start | stop | status | url"),
        ("check-config", "validate the configuration and print it with secrets masked"),
        ("status", "the pool's status from its scoreboard (--json, --full, --openmetrics), like /status"),
        ("user", "create --role admin|finance --email ADDRESS: internal staff (password on stdin)"),
        ("billing", "run [--as-of T]: close every ended subscription period (the jobs process does it continuously)"),
        ("help", "this text"),
    ]

    /// Runs the subcommand named by the first argument and returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        guard let name = arguments.first else {
            printUsage()
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if ["help", "--help", "-h"].contains(name) {
            printUsage(to: 1)
            return 0
        }
        guard commands.contains(where: { $0.name == name }) else {
            Console.err("codezero: unknown subcommand '\(name)'")
            printUsage()
            return 64
        }
        // The one read of the process environment; everything after start-up uses `configuration`.
        let environment = Configuration.processEnvironment()
        let configuration: Configuration
        do {
            configuration = try Configuration.load(
                environment: environment,
                workingDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            if name == "check-config" { return CheckConfigCommand.report(error) }
            Console.err("codezero: invalid configuration:")
            for problem in error.problems { Console.err("  \(problem.key): \(problem.message)") }
            return 78
        }
        LogSetup.bootstrap(level: configuration.logLevel)
        switch name {
        case "serve": return ServeCommand.run(configuration: configuration, environment: environment)
        case "worker": return WorkerCommand.run(configuration: configuration)
        case "jobs": return JobsCommand.run(configuration: configuration)
        case "trigger": return TriggerCommand.run(configuration: configuration, arguments: rest)
        case "migrate": return MigrateCommand.run(configuration: configuration, arguments: rest)
        case "db": return DatabaseCommand.run(configuration: configuration, arguments: rest)
        case "check-config": return CheckConfigCommand.run(configuration: configuration)
        case "status": return StatusCommand.run(configuration: configuration, arguments: rest)
        case "user": return UserCommand.run(configuration: configuration, arguments: rest, environment: environment)
        case "billing": return BillingCommand.run(configuration: configuration, arguments: rest)
        default: return 64
        }
    }

    static func printUsage(to fd: Int32 = 2) {
        var lines = ["usage: codezero <subcommand> [options]", "", "subcommands:"]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: 14, withPad: " ", startingAt: 0) + command.help)
        }
        lines.append("")
        lines.append("Configuration comes from the environment; see README.md or `codezero check-config`.")
        let text = lines.joined(separator: "\n")
        if fd == 1 { Console.out(text) } else { Console.err(text) }
    }
}
