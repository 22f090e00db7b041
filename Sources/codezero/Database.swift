import App
import ArgumentParser

/// `codezero db start|stop|status|url|backup|restore`.
struct Database: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The embedded PostgreSQL cluster under $CODEZERO_VAR/postgres.",
        subcommands: [Start.self, Stop.self, Status.self, URL.self, Backup.self, Restore.self])

    /// `codezero db start`.
    struct Start: InvocationCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded cluster.")
        var invocation: Invocation { .database(.start) }
    }

    /// `codezero db stop`.
    struct Stop: InvocationCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")
        var invocation: Invocation { .database(.stop) }
    }

    /// `codezero db status`.
    struct Status: InvocationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print whether the database answers (exit 0 running, 3 not running).")
        var invocation: Invocation { .database(.status) }
    }

    /// `codezero db url`.
    struct URL: InvocationCommand {
        static let configuration = CommandConfiguration(abstract: "Print the database connection string.")
        var invocation: Invocation { .database(.url) }
    }

    /// `codezero db backup`.
    struct Backup: InvocationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a base backup into $CODEZERO_VAR/postgres/backups and print its path.")
        var invocation: Invocation { .database(.backup) }
    }

    /// `codezero db restore BACKUP TIME DIRECTORY`.
    struct Restore: InvocationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a base backup plus the archived WAL up to TIME into a NEW cluster; print its URL.")

        @Argument(help: "The base backup's directory (printed by `codezero db backup`).")
        var backup: String

        @Argument(help: "The moment to recover to, e.g. '2026-12-06 05:30:00+00'.")
        var time: String

        @Argument(help: "The new cluster's directory (must not exist yet).")
        var directory: String

        var invocation: Invocation { .database(.restore(backup: backup, time: time, directory: directory)) }
    }
}
