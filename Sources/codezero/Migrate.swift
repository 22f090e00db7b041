import App
import ArgumentParser

/// `codezero migrate [--status|--verify]`.
struct Migrate: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply sql/NNNN_*.sql in order, or report on them.",
        discussion: "Exit 65 when an applied file changed or is missing, 69 without a database.")

    /// What to do instead of applying.
    enum Report: String, EnumerableFlag {
        case status, verify

        static func help(for value: Report) -> ArgumentHelp? {
            switch value {
            case .status: "List every file with its state instead of applying."
            case .verify: "Like --status; exit 65 when an applied file changed or is missing."
            }
        }
    }

    @Flag var report: Report?

    var invocation: Invocation {
        switch report {
        case nil: .migrate(.apply)
        case .status: .migrate(.status)
        case .verify: .migrate(.verify)
        }
    }
}
