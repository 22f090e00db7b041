import Foundation
import Testing

/// Shared low-level pieces exist once (issue 9 item 5): a scan of `Sources` fails on a second copy.
///
/// - JSON text is written by `Web.JSONWriter` only: no Foundation `JSONSerialization`/`JSONEncoder`/`JSONDecoder`,
///   no hand-rolled `\u` escapes outside `Sources/Web/JSON/`.
/// - HTML is escaped by the Pages template library only (`TemplateLibrary.escaped`); the two XML escapers
///   (`XMLText` for e-invoices, the sitemap) are XML's own.
/// - `EINTR` retry loops, `nanosleep`/`usleep` and `posix_spawn` live in `Sources/SystemCalls` only.
/// - Day numbers and civil dates convert in `CivilTime` only (`CivilCalendar`; no second `days_from_civil`).
/// - Dates and times are written by `CivilTime.CivilFormat` only: no Foundation `DateFormatter` /
///   `ISO8601DateFormatter` / `ISO8601FormatStyle` anywhere, no second zero-padding helper or month-name table.
/// - Whitespace is trimmed by `PlainText`'s `trimmedWhitespace` only (no `trimmingCharacters(in: .whitespaces…)`,
///   no hand-written first/last-non-space loops).
///
/// Comment lines are not scanned, so documentation may name what it replaces.
@Suite struct OneCopyTests {
    struct Rule: Sendable {
        let name: String
        let pattern: String
        /// Path prefixes (relative to `Sources/`) where the pattern is the one copy.
        let home: [String]
    }

    static let rules = [
        Rule(name: "Foundation JSON coding", pattern: #"\bJSON(Serialization|Encoder|Decoder)\b"#, home: []),
        Rule(name: "a hand-rolled JSON \\u escape", pattern: #"\\\\u[0-9a-fA-F]{0,4}"|"\\\\u00"#, home: ["Web/JSON/"]),
        Rule(
            name: "an HTML escaper", pattern: #"&amp;"#,
            home: ["Pages/Template/", "Pages/Sitemap.swift", "Domain/Invoicing/XMLText.swift"]),
        Rule(name: "an EINTR loop", pattern: #"\bEINTR\b"#, home: ["SystemCalls/"]),
        Rule(name: "a sleep system call", pattern: #"\b(nanosleep|usleep)\s*\("#, home: ["SystemCalls/"]),
        Rule(name: "process spawning", pattern: #"\bposix_spawn"#, home: ["SystemCalls/"]),
        Rule(name: "civil-date arithmetic", pattern: #"\b(146_?097|719_?468)\b"#, home: ["CivilTime/"]),
        Rule(
            name: "a Foundation date formatter", pattern: #"\b(ISO8601)?DateFormatter\b|\bISO8601FormatStyle\b"#,
            home: []),
        Rule(
            name: "a hand-written date format",
            pattern: #""Jan", *"Feb"|"Sun", *"Mon"|\bfunc (two|pad)\(|\blet pad = "#, home: ["CivilTime/"]),
        Rule(
            name: "a whitespace trimmer",
            pattern:
                #"trimmingCharacters\(in: *\.whitespaces|(first|last)Index\(where: \{ *!(isSpace|\$0\.properties\.isWhitespace)"#,
            home: ["PlainText/"]),
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources")
    }

    /// Every `.swift` file under `Sources`, relative to it.
    static func swiftFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".swift") { files.append(path) }
        }
        return files.sorted()
    }

    /// The code lines (comment lines left out) of `text` matching `pattern`.
    static func matches(of pattern: String, in text: String) throws -> [String] {
        let regex = try Regex(pattern).wordBoundaryKind(.simple)
        return text.split(separator: "\n").filter { line in
            let code = line.drop { $0 == " " }
            return !code.hasPrefix("//") && !code.hasPrefix("*") && !code.hasPrefix("/*")
        }
        .filter { $0.contains(regex) }.map(String.init)
    }

    @Test(arguments: rules.map(\.name))
    func thereIsOneCopy(of name: String) throws {
        let rule = try #require(Self.rules.first { $0.name == name })
        let files = Self.swiftFiles()
        #expect(files.count > 300, "Sources not found at \(Self.sources.path)")
        for file in files where !rule.home.contains(where: { file.hasPrefix($0) }) {
            let text = try String(contentsOf: Self.sources.appending(path: file), encoding: .utf8)
            let lines = try Self.matches(of: rule.pattern, in: text)
            #expect(lines.isEmpty, "\(file) has \(rule.name) outside \(rule.home): \(lines)")
        }
    }

    @Test func theRulesFindWhatTheyLookFor() throws {
        func hits(_ name: String, _ text: String) throws -> Int {
            let rule = try #require(Self.rules.first { $0.name == name })
            return try Self.matches(of: rule.pattern, in: text).count
        }
        #expect(try hits("Foundation JSON coding", "let d = try JSONSerialization.data(withJSONObject: x)") == 1)
        #expect(try hits("a hand-rolled JSON \\u escape", #"case "<": out += "\\u003c""#) == 1)
        #expect(try hits("a hand-rolled JSON \\u escape", #"out += "\\u" + hex"#) == 1)
        #expect(try hits("a hand-rolled JSON \\u escape", #"let p = "[^\\u0000-\\u001F]""#) == 0)
        #expect(try hits("an HTML escaper", #"case "&": out += "&amp;""#) == 1)
        #expect(try hits("an EINTR loop", "if errno == EINTR { continue }") == 1)
        #expect(try hits("an EINTR loop", "/// retries EINTR") == 0)
        #expect(try hits("a sleep system call", "usleep(100_000)") == 1)
        #expect(try hits("process spawning", "posix_spawnp(&pid, path, nil, nil, argv, envp)") == 1)
        #expect(try hits("civil-date arithmetic", "let era = (z >= 0 ? z : z - 146_096) / 146_097") == 1)
        #expect(try hits("civil-date arithmetic", "let z = days + 719468") == 1)
        #expect(try hits("a Foundation date formatter", "let formatter = DateFormatter()") == 1)
        #expect(try hits("a Foundation date formatter", "let formatter = ISO8601DateFormatter()") == 1)
        #expect(try hits("a Foundation date formatter", "date.formatted(.iso8601) // Date.ISO8601FormatStyle") == 1)
        #expect(try hits("a Foundation date formatter", "/// replaces the DateFormatter") == 0)
        #expect(try hits("a hand-written date format", #"let months = ["Jan", "Feb", "Mar"]"#) == 1)
        #expect(try hits("a hand-written date format", #"func two(_ value: Int) -> String { "0\(value)" }"#) == 1)
        #expect(try hits("a hand-written date format", "let pad = { (value: Int) in String(value) }") == 1)
        #expect(try hits("a hand-written date format", "func padding(_ x: Int)") == 0)
        #expect(try hits("a whitespace trimmer", "s.trimmingCharacters(in: .whitespacesAndNewlines)") == 1)
        #expect(try hits("a whitespace trimmer", "guard let first = text.firstIndex(where: { !isSpace($0) })") == 1)
        #expect(
            try hits("a whitespace trimmer", "for scalar in raw.unicodeScalars where !scalar.properties.isWhitespace")
                == 0)
    }
}
