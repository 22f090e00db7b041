/// The byte-level encodings a message uses: RFC 2047 encoded words, folded header lines, quoted-printable
/// and base64 bodies, RFC 2231 parameters. Pure functions; every line ends in CRLF.
enum MIMEEncoding {
    static let crlf = "\r\n"

    /// `Name: value` as one folded header field. Control characters in `value` become spaces, so a value
    /// can never end the field early or start a new one; non-ASCII text becomes UTF-8 encoded words.
    static func unstructuredHeader(_ name: String, _ value: String) -> String {
        let clean = neutralised(value)
        if clean.utf8.allSatisfy({ $0 < 0x80 }) && !clean.contains("=?") {
            return fold(
                name: name, words: clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
        return fold(name: name, words: encodedWords(clean))
    }

    /// `Name: address` for an address header (From, To, Reply-To).
    static func addressHeader(_ name: String, _ address: MailAddress) -> String {
        guard let display = address.name.map(neutralised), !display.isEmpty else {
            return "\(name): <\(address.address)>\(crlf)"
        }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        var words: [String]
        if display.utf8.allSatisfy(atext.contains) && !display.contains("=?") {
            words = display.split(separator: " ").map(String.init)
        } else if display.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !display.contains("=?") {
            var quoted = "\""
            for character in display {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            words = [quoted + "\""]
        } else {
            words = encodedWords(display)
        }
        words.append("<\(address.address)>")
        return fold(name: name, words: words)
    }

    /// Replaces every control character (C0, DEL, C1, line and paragraph separators) with a space.
    static func neutralised(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let control =
                value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028
                || value == 0x2029
            scalars.append(control ? " " : scalar)
        }
        return String(scalars)
    }

    /// `text` as RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 12 characters of `=?UTF-8?B??=`; 63 left for base64 → 45 bytes.
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(base64(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
        return words
    }

    /// Joins `words` after `Name: ` with spaces, starting a continuation line before a word that would
    /// take a line past 78 characters.
    static func fold(name: String, words: [String]) -> String {
        var result = "\(name):"
        var lineLength = result.utf8.count
        for word in words {
            if lineLength + 1 + word.utf8.count > 78 && lineLength > name.utf8.count + 1 {
                result += crlf
                lineLength = 0
            }
            result += " " + word
            lineLength += 1 + word.utf8.count
        }
        return result + crlf
    }

    /// `text` (any line endings) as quoted-printable UTF-8 with CRLF line breaks and lines ≤ 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingLineEndings()
        var output = ""
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                var piece = literal ? String(UnicodeScalar(byte)) : hexEscape(byte)
                // A line that starts with "." is escaped too, so it never depends on SMTP dot-stuffing.
                if current.isEmpty && byte == UInt8(ascii: ".") { piece = hexEscape(byte) }
                if current.utf8.count + piece.utf8.count > 75 {
                    output += current + "=" + crlf
                    current = ""
                }
                current += piece
            }
            output += current + crlf
        }
        return output
    }

    /// `bytes` as base64 in lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = base64(bytes)
        var output = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            output += encoded[index..<end] + crlf
            index = end
        }
        return output
    }

    /// RFC 2231 `filename*=UTF-8''…` (percent-encoded), plus a plain ASCII `filename` fallback.
    static func filenameParameters(_ filename: String) -> String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._".utf8)
        var encoded = ""
        var fallback = ""
        for byte in neutralised(filename).utf8 {
            if unreserved.contains(byte) {
                encoded.append(Character(UnicodeScalar(byte)))
                fallback.append(Character(UnicodeScalar(byte)))
            } else {
                encoded += "%" + hex(byte)
                fallback.append("_")
            }
        }
        return "filename=\"\(fallback)\";\(crlf) filename*=UTF-8''\(encoded)"
    }

    static func hexEscape(_ byte: UInt8) -> String { "=" + hex(byte) }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output += [18, 12, 6, 0].map { alphabet[Int((value >> $0) & 63)] }
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            output += [alphabet[Int((value >> 18) & 63)], alphabet[Int((value >> 12) & 63)], 61, 61]
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output += [
                alphabet[Int((value >> 18) & 63)], alphabet[Int((value >> 12) & 63)], alphabet[Int((value >> 6) & 63)],
                61,
            ]
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension String {
    /// The text with CRLF and lone CR turned into LF.
    func replacingLineEndings() -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
