extension JSONWriter {
    /// JSON text written into memory it owns, piece by piece, for code that writes a large answer straight from raw
    /// cells (a list from database rows): no `Array` bookkeeping per piece, text that needs no escaping is found
    /// eight bytes at a time and copied in one go. Strings are escaped as ``JSONWriter/appendEscaped(_:to:)``
    /// escapes them (standard escaping), so the bytes are the writer's for the same values.
    ///
    /// Use it through ``written(initialCapacity:_:)``; the memory grows as needed (call ``reserve(_:)`` before a
    /// piece, every append also checks).
    public struct RawBuffer {
        @usableFromInline var start: UnsafeMutablePointer<UInt8>
        @usableFromInline var count = 0
        @usableFromInline var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        }

        /// The bytes that `body` writes into a buffer of `initialCapacity` bytes (it grows when that is too small).
        public static func written(
            initialCapacity: Int, _ body: (inout RawBuffer) throws -> Void
        ) rethrows -> [UInt8] {
            var buffer = RawBuffer(capacity: initialCapacity)
            defer { buffer.start.deallocate() }
            try body(&buffer)
            return [UInt8](UnsafeBufferPointer(start: buffer.start, count: buffer.count))
        }

        /// Makes room for at least `extra` more bytes.
        @inlinable
        public mutating func reserve(_ extra: Int) {
            if capacity - count < extra { grow(extra) }
        }

        @usableFromInline
        mutating func grow(_ extra: Int) {
            let newCapacity = Swift.max(capacity * 2, count + extra)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            larger.update(from: start, count: count)
            start.deallocate()
            start = larger
            capacity = newCapacity
        }

        /// Appends one byte.
        @inlinable
        public mutating func append(_ byte: UInt8) {
            reserve(1)
            start[count] = byte
            count += 1
        }

        /// Appends the bytes of a static string (punctuation, member names that need no escaping).
        @inlinable @inline(__always)
        public mutating func append(_ text: StaticString) {
            guard text.hasPointerRepresentation else { return text.withUTF8Buffer { append($0) } }
            append(text.utf8Start, count: text.utf8CodeUnitCount)
        }

        /// Appends `bytes` as they are (already serialised JSON, digits).
        @inlinable @inline(__always)
        public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            append(base, count: bytes.count)
        }

        /// Appends `length` bytes from `source`; short pieces (member names, numbers) by a few unaligned words
        /// instead of a call to `memcpy`.
        @inlinable @inline(__always)
        mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
            reserve(length)
            let output = start + count
            if length >= 8, length <= 64 {
                var offset = 0
                while offset + 8 < length {
                    Self.copyWord(from: source + offset, to: output + offset)
                    offset += 8
                }
                // The last word may overlap the one before: the same bytes again.
                Self.copyWord(from: source + length - 8, to: output + length - 8)
            } else {
                output.update(from: source, count: length)
            }
            count += length
        }

        @inlinable @inline(__always)
        static func copyWord(from source: UnsafePointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) {
            UnsafeMutableRawPointer(output).storeBytes(
                of: UnsafeRawPointer(source).loadUnaligned(as: UInt64.self), as: UInt64.self)
        }

        /// Appends `bytes` as they are.
        public mutating func append(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { append($0) }
        }

        /// Appends UTF-8 `bytes` as a quoted JSON string, escaped as ``JSONWriter/appendEscaped(_:to:)`` does. The
        /// text is scanned once: eight bytes at a time are checked and copied while none of them can start an escape.
        public mutating func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
            // Every byte becomes at most six (`\u00XX`), plus the quotes.
            reserve(bytes.count * 6 + 2)
            var output = start + count
            output.pointee = UInt8(ascii: "\"")
            output += 1
            if let base = bytes.baseAddress {
                let length = bytes.count
                var index = 0
                while index < length {
                    if index + 8 <= length {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        if !JSONWriter.mayStartEscape(word) {
                            UnsafeMutableRawPointer(output).storeBytes(of: word, as: UInt64.self)
                            output += 8
                            index += 8
                            continue
                        }
                    }
                    if JSONWriter.startsStandardEscape(base, at: index, count: length) {
                        let written = JSONWriter.writeStandardEscape(of: bytes, at: index, to: output)
                        output += written.output
                        index += written.input
                    } else {
                        output.pointee = base[index]
                        output += 1
                        index += 1
                    }
                }
            }
            output.pointee = UInt8(ascii: "\"")
            count = output + 1 - start
        }
    }

    /// The index of the first byte at or after `from` where standard escaping has to write something else (a control
    /// character, `"`, `\`, or the start of U+2028/U+2029), or `bytes.count` when there is none. Looks at eight bytes
    /// at a time while none of them can start an escape.
    static func standardEscapeIndex(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let count = bytes.count
        var index = from
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !mayStartEscape(word) {
                    index += 8
                    continue
                }
            }
            if startsStandardEscape(base, at: index, count: count) { return index }
            index += 1
        }
        return count
    }

    /// Whether standard escaping writes something else for the byte at `index` of the `count` bytes at `base`.
    @inline(__always)
    static func startsStandardEscape(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Bool {
        let byte = base[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        return byte == 0xE2 && index + 2 < count && base[index + 1] == 0x80 && base[index + 2] & 0xFE == 0xA8
    }

    /// Whether any byte of `word` is below 0x20, `"`, `\` or 0xE2 (exact as a yes/no answer: the classic
    /// "has a zero byte" bit trick, `(x - 0x01…) & ~x & 0x80…`, on `word` and on `word` XOR each value).
    @inline(__always)
    static func mayStartEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// Writes the standard escape of the character at `index` (one that ``standardEscapeIndex(in:from:)`` found) to
    /// `output` (room for six bytes); returns how many bytes it read and wrote.
    static func writeStandardEscape(
        of bytes: UnsafeBufferPointer<UInt8>, at index: Int, to output: UnsafeMutablePointer<UInt8>
    ) -> (input: Int, output: Int) {
        let byte = bytes[index]
        output[0] = UInt8(ascii: "\\")
        switch byte {
        case 0xE2:
            output[1] = UInt8(ascii: "u")
            output[2] = UInt8(ascii: "2")
            output[3] = UInt8(ascii: "0")
            output[4] = UInt8(ascii: "2")
            output[5] = bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")
            return (3, 6)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output[1] = byte
        case 0x08: output[1] = UInt8(ascii: "b")
        case 0x0C: output[1] = UInt8(ascii: "f")
        case 0x0A: output[1] = UInt8(ascii: "n")
        case 0x0D: output[1] = UInt8(ascii: "r")
        case 0x09: output[1] = UInt8(ascii: "t")
        default:
            output[1] = UInt8(ascii: "u")
            output[2] = UInt8(ascii: "0")
            output[3] = UInt8(ascii: "0")
            output[4] = ASCII.lowerHexDigits[Int(byte >> 4)]
            output[5] = ASCII.lowerHexDigits[Int(byte & 0x0F)]
            return (1, 6)
        }
        return (1, 2)
    }
}
