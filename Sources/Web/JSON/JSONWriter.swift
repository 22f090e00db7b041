/// The one JSON writer: compact UTF-8 text appended straight to a byte buffer, with no intermediate tree.
///
/// Values are written in order; the writer puts the commas and colons in place itself:
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("id"); writer.string(id)
/// writer.key("amount_cents"); writer.integer(cents)
/// writer.endObject()
/// let body = writer.bytes
/// ```
///
/// Strings escape `"`, `\`, the control characters (`\b \f \n \r \t`, the rest as `\u00XX`) and U+2028/U+2029
/// (so the text is also valid JavaScript); other characters pass through as UTF-8. In ``Escaping/htmlSafe``
/// mode `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` too, so the text can sit inside an
/// HTML `<script>` element (JSON-LD) without ever closing it or opening a comment. ``JSON/serialize(into:)``
/// and every other JSON text of the code base are written with this type.
public struct JSONWriter {
    /// How strings are escaped.
    public enum Escaping: Sendable {
        /// JSON for APIs, logs and the database: the minimal escapes plus U+2028/U+2029.
        case standard
        /// JSON to embed in HTML: ``standard`` plus `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`.
        case htmlSafe
    }

    /// The text written so far.
    public var bytes: [UInt8]
    /// The escaping of strings (keys included).
    public let escaping: Escaping
    /// Whether the next value or key needs a comma before it.
    private var needsSeparator = false

    /// A writer with an empty buffer of `capacity` reserved bytes.
    public init(escaping: Escaping = .standard, reservingCapacity capacity: Int = 128) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.escaping = escaping
    }

    /// A writer that appends to `bytes` (e.g. a response head already written).
    public init(appendingTo bytes: [UInt8], escaping: Escaping = .standard) {
        self.bytes = bytes
        self.escaping = escaping
    }

    /// The text written so far as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Structure

    /// Opens an object (`{`).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsSeparator = false
    }

    /// Closes the innermost object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsSeparator = true
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsSeparator = false
    }

    /// Closes the innermost array (`]`).
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsSeparator = true
    }

    /// Writes an object member's key and its colon; the member's value follows.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, escaping: escaping, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsSeparator = false
    }

    // MARK: Values

    /// Writes a string value.
    public mutating func string(_ value: String) {
        separate()
        Self.appendString(value, escaping: escaping, to: &bytes)
        needsSeparator = true
    }

    /// Writes a string value, or `null` for `nil`.
    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// Writes an integer.
    public mutating func integer(_ value: Int64) {
        separate()
        Self.appendInteger(value, to: &bytes)
        needsSeparator = true
    }

    /// Writes an integer.
    public mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    /// Writes an integer, or `null` for `nil`.
    public mutating func integer(_ value: Int?) {
        guard let value else { return null() }
        integer(Int64(value))
    }

    /// Writes a number in Swift's shortest round-trip form; a non-finite value becomes `null`.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes.append(contentsOf: value.description.utf8)
        needsSeparator = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        Self.appendStatic(value ? "true" : "false", to: &bytes)
        needsSeparator = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        Self.appendStatic("null", to: &bytes)
        needsSeparator = true
    }

    /// Writes a whole ``JSON`` value.
    public mutating func value(_ value: JSON) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): integer(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Copies already serialised JSON text (a value written by another writer) as the next value.
    public mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsSeparator = true
    }

    @inline(__always)
    private mutating func separate() {
        if needsSeparator { bytes.append(UInt8(ascii: ",")) }
    }
}

// MARK: - Byte-level pieces

/// The byte-level pieces, public for code that writes JSON straight into its own buffer from known parts (a list
/// written from database rows, member names it knows need no escaping, e.g. `,"id":`). Their output is the
/// writer's (standard escaping) for the same values.
extension JSONWriter {
    /// Appends `null`.
    @inline(__always)
    public static func appendNull(to output: inout [UInt8]) {
        appendStatic("null", to: &output)
    }

    /// Appends the bytes of a static string without allocating (punctuation, member names needing no escape).
    @inlinable
    public static func appendStatic(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Appends `string` quoted, with the standard escaping.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        appendString(string, escaping: .standard, to: &output)
    }

    /// Appends UTF-8 `bytes` escaped (standard escaping) for the inside of a JSON string, without quotes.
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        appendEscaped(bytes, escaping: .standard, to: &output)
    }

    /// Appends the decimal digits of `value` without going through `String`.
    public static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            while magnitude > 0 {
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }

    /// Appends `string` quoted and escaped.
    static func appendString(_ string: String, escaping: Escaping, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, escaping: escaping, to: &output) })
            == nil
        {
            var copy = string
            copy.withUTF8 { appendEscaped($0, escaping: escaping, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether `byte` starts something to escape (besides U+2028/U+2029, which start with 0xE2).
    @inline(__always)
    private static func needsEscape(_ byte: UInt8, _ escaping: Escaping) -> Bool {
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 { return true }
        guard case .htmlSafe = escaping else { return false }
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
    }

    /// Copies runs of bytes that need no escaping in one go and escapes the rest.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, escaping: Escaping, to output: inout [UInt8]) {
        let count = bytes.count
        if case .standard = escaping {
            // Runs without escapes are found eight bytes at a time (the same scan as RawBuffer's).
            var runStart = 0
            var index = 0
            while true {
                index = standardEscapeIndex(in: bytes, from: index)
                guard index < count else { break }
                flush(bytes, from: runStart, to: index, into: &output)
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { escape in
                    let written = writeStandardEscape(of: bytes, at: index, to: escape.baseAddress!)
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: escape[0..<written.output]))
                    index += written.input
                }
                runStart = index
            }
            return flush(bytes, from: runStart, to: count, into: &output)
        }
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard needsEscape(byte, escaping) else {
                index += 1
                continue
            }
            if byte == 0xE2 {
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 else {
                    index += 1
                    continue
                }
                flush(bytes, from: runStart, to: index, into: &output)
                appendStatic("\\u202", to: &output)
                output.append(bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                index += 3
                runStart = index
                continue
            }
            flush(bytes, from: runStart, to: index, into: &output)
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            default:
                appendStatic("u00", to: &output)
                output.append(ASCII.lowerHexDigits[Int(byte >> 4)])
                output.append(ASCII.lowerHexDigits[Int(byte & 0x0F)])
            }
            index += 1
            runStart = index
        }
        flush(bytes, from: runStart, to: count, into: &output)
    }

    @inline(__always)
    private static func flush(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8]
    ) {
        if end > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
    }
}
