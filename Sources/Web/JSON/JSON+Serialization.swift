extension JSON {
    /// The compact UTF-8 serialization: no whitespace, members in order.
    ///
    /// Strings escape `"`, `\`, control characters and U+2028/U+2029 (so the output is also safe inside
    /// JavaScript); other non-ASCII characters pass through as UTF-8. Non-finite doubles become `null`.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        serialize(into: &output)
        return output
    }

    /// Appends the compact serialization to `output`.
    public func serialize(into output: inout [UInt8]) {
        switch self {
        case .null:
            JSONWriter.appendNull(to: &output)
        case .bool(let value):
            JSONWriter.appendStatic(value ? "true" : "false", to: &output)
        case .int(let value):
            JSONWriter.appendInteger(value, to: &output)
        case .double(let value):
            if value.isFinite {
                output.append(contentsOf: value.description.utf8)
            } else {
                JSONWriter.appendNull(to: &output)
            }
        case .string(let value):
            JSONWriter.appendString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                element.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.appendString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.serialize(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// The byte-level pieces of the serializer, public for code that writes JSON straight into a byte buffer without
/// building a ``JSON`` tree first (e.g. a list written from database rows); the output is the same as
/// ``JSON/serialize(into:)``'s for the same values.
public enum JSONWriter {
    /// Appends `null`.
    @inline(__always)
    public static func appendNull(to output: inout [UInt8]) {
        appendStatic("null", to: &output)
    }

    /// Appends the bytes of a static string without allocating (JSON punctuation and member names the caller
    /// knows need no escaping, e.g. `,"id":`).
    @inlinable
    public static func appendStatic(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
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
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &output) }) == nil {
            var copy = string
            copy.withUTF8 { appendEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `bytes` escaped for the inside of a JSON string (no quotes): runs that need no escaping are
    /// copied in one go.
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 else {
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
