import PlainText

/// Reads settings from an environment snapshot with one grammar, collecting every problem with its key.
///
/// The grammar, the same for every key:
/// - text is trimmed of white space; an empty value counts as unset (the default applies);
/// - whole numbers are decimal digits with an optional sign, checked against the key's range;
/// - durations are a decimal number of seconds with an optional unit: `ms`, `s`, `min` or `h`
///   (`35`, `35s`, `1500ms`, `0.5s`, `2min`), checked against the key's range in seconds.
public struct SettingsReader: Sendable {
    /// The environment being read.
    public let environment: [String: String]
    /// The problems found so far, in the order they were found.
    public private(set) var problems: [SettingsProblem] = []

    /// A reader of `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Records a problem with `key`.
    public mutating func problem(_ key: String, _ message: String) {
        problems.append(SettingsProblem(key: key, message: message))
    }

    /// The trimmed value of `key`, `nil` when unset or blank.
    public func text(_ key: String) -> String? {
        guard let raw = environment[key] else { return nil }
        let trimmed = raw.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether `key` is set to a non-blank value.
    public func isSet(_ key: String) -> Bool { text(key) != nil }

    /// A whole number in `range`, `fallback` when unset (or invalid, after recording the problem).
    public mutating func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let text = text(key) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            problem(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
            return fallback
        }
        return number
    }

    /// A duration in seconds within `range` (see the type's grammar), `fallback` when unset or invalid.
    public mutating func seconds(_ key: String, default fallback: Double, in range: ClosedRange<Double>) -> Double {
        guard let text = text(key) else { return fallback }
        guard let seconds = Self.duration(text), range.contains(seconds) else {
            problem(
                key,
                "must be a duration from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)) seconds "
                    + "(e.g. 30, 30s, 1500ms, 2min), got '\(text)'")
            return fallback
        }
        return seconds
    }

    /// One of `Choice`'s raw values (compared ignoring ASCII case), `fallback` when unset or invalid.
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice
    ) -> Choice where Choice.RawValue == String {
        guard let text = text(key) else { return fallback }
        if let found = Choice.allCases.first(where: { $0.rawValue == Self.lowercasedASCII(text) }) { return found }
        problem(key, "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        return fallback
    }

    /// A boolean flag: `1`, `true`, `yes` or `on` is true, `0`, `false`, `no` or `off` false.
    public mutating func flag(_ key: String, default fallback: Bool = false) -> Bool {
        guard let text = text(key) else { return fallback }
        switch Self.lowercasedASCII(text) {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problem(key, "must be 1 or 0 (true/false, yes/no, on/off), got '\(text)'")
            return fallback
        }
    }

    /// Parses a duration of the type's grammar into seconds; `nil` when it is not one.
    public static func duration(_ text: String) -> Double? {
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("min", 60), ("h", 3600), ("s", 1)]
        var number = Substring(text.trimmedWhitespace)
        var scale = 1.0
        if let unit = units.first(where: { number.hasSuffix($0.suffix) }) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.scale
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite
        else { return nil }
        return value * scale
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func lowercasedASCII(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
