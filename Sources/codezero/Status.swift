import App
import ArgumentParser
import ProcessManager

/// `codezero status [--text|--json|--openmetrics] [--full]`.
struct Status: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "The pool's status from its scoreboard, like /status (exit 69 when no pool runs).")

    /// The output formats, one flag each.
    enum Format: String, EnumerableFlag {
        case text, json, openmetrics

        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .text: "Plain text, like PHP-FPM's status page (the default)."
            case .json: "JSON."
            case .openmetrics: "OpenMetrics, as /metrics."
            }
        }
    }

    @Flag var format: Format = .text

    @Flag(help: "Include one entry per worker.")
    var full = false

    var invocation: Invocation {
        switch format {
        case .text: .status(format: .text, full: full)
        case .json: .status(format: .json, full: full)
        case .openmetrics: .status(format: .openMetrics, full: full)
        }
    }
}
