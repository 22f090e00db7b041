#if canImport(Glibc)
import Glibc
#endif

/// Dispatches `codezero <subcommand>`; each subcommand returns a process exit status.
public enum CommandLineInterface {
    /// Runs the subcommand named by the first argument and returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        guard let name = arguments.first else {
            printUsage()
            return 64
        }
        switch name {
        case "help", "--help", "-h":
            printUsage()
            return 0
        default:
            Console.err("codezero: unknown subcommand '\(name)'")
            printUsage()
            return 64
        }
    }

    static func printUsage() {
        Console.err("usage: codezero <serve|worker|migrate|db|check-config|status|help>")
    }
}
