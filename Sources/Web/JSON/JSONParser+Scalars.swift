extension JSONParser {
    /// Parses a number at the current position: an `Int64` when it has neither fraction nor exponent and
    /// fits, else a finite `Double`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSON {
        let buffer = bytes
        let start = current
        var position = start
        let negative = buffer[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < buffer.count, isDigit(buffer[position]) else {
            throw JSONSyntaxError(reason: .invalidNumber, offset: start)
        }
        if buffer[position] == UInt8(ascii: "0") {
            position += 1
            if position < buffer.count && isDigit(buffer[position]) {
                throw JSONSyntaxError(reason: .invalidNumber, offset: start)
            }
        } else {
            while position < buffer.count && isDigit(buffer[position]) { position += 1 }
        }
        let integerEnd = position
        var isInteger = true
        if position < buffer.count && buffer[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < buffer.count, isDigit(buffer[position]) else {
                throw JSONSyntaxError(reason: .invalidNumber, offset: start)
            }
            while position < buffer.count && isDigit(buffer[position]) { position += 1 }
        }
        if position < buffer.count && (buffer[position] | 0x20) == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < buffer.count
                && (buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-"))
            {
                position += 1
            }
            guard position < buffer.count, isDigit(buffer[position]) else {
                throw JSONSyntaxError(reason: .invalidNumber, offset: start)
            }
            while position < buffer.count && isDigit(buffer[position]) { position += 1 }
        }
        advance(to: position)
        if isInteger, let value = integerValue(buffer, from: negative ? start + 1 : start, to: integerEnd, negative) {
            return .int(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONSyntaxError(reason: .numberOutOfRange, offset: start)
        }
        return .double(value)
    }

    private func integerValue(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ negative: Bool
    ) -> Int64? {
        var magnitude: UInt64 = 0
        for position in start..<end {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(buffer[position] &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Parses a string at the current position (which holds the opening quote).
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let buffer = bytes
        let start = current + 1
        var position = start
        var sawNonASCII = false
        // Fast path: no escapes.
        while position < buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                if sawNonASCII { try validateUTF8(buffer, from: start, to: position) }
                advance(to: position + 1)
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            if byte >= 0x80 { sawNonASCII = true }
            position += 1
        }
        // Slow path: escapes; validate each raw run before copying it.
        var output: [UInt8] = []
        output.reserveCapacity(position - start + 16)
        var runStart = start
        while position < buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                try validateUTF8(buffer, from: runStart, to: position)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<position]))
                advance(to: position + 1)
                return String(decoding: output, as: UTF8.self)
            }
            if byte < 0x20 { throw JSONSyntaxError(reason: .controlCharacterInString, offset: position) }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            try validateUTF8(buffer, from: runStart, to: position)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<position]))
            position = try appendEscape(buffer, at: position, to: &output)
            runStart = position
        }
        throw JSONSyntaxError(reason: .unexpectedEnd, offset: buffer.count)
    }

    /// Decodes the escape starting with the backslash at `position`; returns the position after it.
    private func appendEscape(
        _ buffer: UnsafeBufferPointer<UInt8>, at position: Int, to output: inout [UInt8]
    ) throws(JSONSyntaxError) -> Int {
        guard position + 1 < buffer.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: buffer.count) }
        let escaped: UInt8
        switch buffer[position + 1] {
        case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): escaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = 0x0A
        case UInt8(ascii: "r"): escaped = 0x0D
        case UInt8(ascii: "t"): escaped = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(buffer, at: position + 2, escapeStart: position)
            var end = position + 6
            if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONSyntaxError(reason: .invalidUnicodeEscape, offset: position)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard end + 1 < buffer.count, buffer[end] == UInt8(ascii: "\\"), buffer[end + 1] == UInt8(ascii: "u")
                else { throw JSONSyntaxError(reason: .invalidUnicodeEscape, offset: position) }
                let low = try hexQuad(buffer, at: end + 2, escapeStart: end)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONSyntaxError(reason: .invalidUnicodeEscape, offset: position)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                end += 6
            }
            // Valid by construction: surrogates were excluded above.
            output.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            return end
        default:
            throw JSONSyntaxError(reason: .invalidEscape, offset: position)
        }
        output.append(escaped)
        return position + 2
    }

    private func hexQuad(
        _ buffer: UnsafeBufferPointer<UInt8>, at position: Int, escapeStart: Int
    ) throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= buffer.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: buffer.count) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = ASCII.hexValue(buffer[position + offset]) else {
                throw JSONSyntaxError(reason: .invalidUnicodeEscape, offset: escapeStart)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func validateUTF8(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) throws(JSONSyntaxError) {
        if let invalid = UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: buffer[start..<end])) {
            throw JSONSyntaxError(reason: .invalidUTF8, offset: start + invalid)
        }
    }
}
