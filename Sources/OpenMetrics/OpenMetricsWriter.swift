/// Writes OpenMetrics text (`application/openmetrics-text; version=1.0.0`): families with `# HELP`, `# TYPE` and
/// `# UNIT`, samples with escaped label values, and the closing `# EOF`.
///
/// The one writer behind `/metrics`, the pool's `?openmetrics` status and every store's metric families:
///
/// ```swift
/// var metrics = OpenMetricsWriter()
/// metrics.family("codezero_mail_outbox", .gauge, help: "Mails in the outbox by status.")
/// metrics.sample("codezero_mail_outbox", ["status": "QUEUED"], 3)
/// metrics.single("codezero_pool_restarts", .counter, help: "Workers replaced.", 2)  // codezero_pool_restarts_total 2
/// metrics.end()
/// ```
public struct OpenMetricsWriter: Sendable {
    /// A family's type.
    public enum MetricType: String, Sendable {
        /// A value that only grows; its sample is `<name>_total`.
        case counter
        /// A value that goes up and down.
        case gauge
        /// Buckets, sum and count.
        case histogram
        /// Constant 1 with informative labels; its sample is `<name>_info`.
        case info
    }

    /// The text written so far.
    public private(set) var text = ""

    /// An empty page.
    public init() {}

    /// Starts family `name`: its help, type and (optionally) unit.
    public mutating func family(_ name: String, _ type: MetricType, help: String, unit: String? = nil) {
        text += "# HELP \(name) \(Self.escaped(help, quote: false))\n# TYPE \(name) \(type.rawValue)\n"
        if let unit { text += "# UNIT \(name) \(unit)\n" }
    }

    /// One sample: `name{label="value",…} value`, labels in the order given.
    public mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String> = [:], _ value: String) {
        text += name
        if !labels.isEmpty {
            text +=
                "{" + labels.map { "\($0.key)=\"\(Self.escaped($0.value, quote: true))\"" }.joined(separator: ",") + "}"
        }
        text += " \(value)\n"
    }

    /// One integer sample.
    public mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Int) {
        sample(name, labels, String(value))
    }

    /// One floating-point sample.
    public mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Double) {
        sample(name, labels, "\(value)")
    }

    /// One unlabelled sample.
    public mutating func sample(_ name: String, _ value: String) {
        sample(name, [:], value)
    }

    /// One unlabelled integer sample.
    public mutating func sample(_ name: String, _ value: Int) {
        sample(name, [:], String(value))
    }

    /// One unlabelled floating-point sample.
    public mutating func sample(_ name: String, _ value: Double) {
        sample(name, [:], "\(value)")
    }

    /// One sample with labels computed at run time (in the order given).
    public mutating func sample(_ name: String, labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escaped($0.1, quote: true))\"" }.joined(separator: ",") + "}"
        }
        text += " \(value)\n"
    }

    /// A family with one unlabelled sample; a counter's sample is named `<name>_total`.
    public mutating func single(_ name: String, _ type: MetricType, help: String, _ value: String) {
        family(name, type, help: help)
        sample(type == .counter ? name + "_total" : name, [:], value)
    }

    /// ``single(_:_:help:_:)-(_,_,_,String)`` with an integer value.
    public mutating func single(_ name: String, _ type: MetricType, help: String, _ value: Int) {
        single(name, type, help: help, String(value))
    }

    /// ``single(_:_:help:_:)-(_,_,_,String)`` with a floating-point value.
    public mutating func single(_ name: String, _ type: MetricType, help: String, _ value: Double) {
        single(name, type, help: help, "\(value)")
    }

    /// Closes the page with `# EOF` (only the whole page does; parts joined into it do not).
    public mutating func end() {
        text += "# EOF\n"
    }

    /// Escapes backslash and line breaks (and, in a label value, the double quote) as OpenMetrics requires.
    public static func escaped(_ value: String, quote: Bool) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0.isNewline }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where quote: out += "\\\""
            case "\n", "\r", "\r\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
