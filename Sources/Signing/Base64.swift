/// Base64 (RFC 4648 §4) and base64url (§5) encoding.
public enum Base64 {
    /// Which 64 characters encode the values.
    public enum Alphabet: Sendable {
        /// `A-Z a-z 0-9 + /`.
        case standard
        /// `A-Z a-z 0-9 - _`, safe in URLs, headers and cookies.
        case url

        fileprivate var characters: [UInt8] {
            switch self {
            case .standard: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            case .url: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
            }
        }
    }

    /// Encodes `bytes`; `padding` adds `=` up to a multiple of four characters.
    public static func encode(_ bytes: [UInt8], alphabet: Alphabet = .standard, padding: Bool = true) -> String {
        let characters = alphabet.characters
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(characters[Int(group >> UInt32(shift) & 0x3F)]) }
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            let group = UInt32(bytes[index]) << 16 | (remaining == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(characters[Int(group >> 18 & 0x3F)])
            output.append(characters[Int(group >> 12 & 0x3F)])
            if remaining == 2 { output.append(characters[Int(group >> 6 & 0x3F)]) }
            if padding { output.append(contentsOf: Array(repeating: UInt8(ascii: "="), count: 3 - remaining)) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `text` in `alphabet`, with or without padding; `nil` for any other character, a
    /// misplaced `=`, an impossible length or non-zero unused bits (so every byte string has exactly one
    /// accepted encoding per alphabet and padding choice).
    public static func decode(_ text: String, alphabet: Alphabet = .standard) -> [UInt8]? {
        let all = Array(text.utf8)
        var count = all.count
        while count > 0 && all[count - 1] == UInt8(ascii: "=") { count -= 1 }
        let paddingCount = all.count - count
        guard count % 4 != 1 else { return nil }
        if paddingCount > 0 {
            guard count % 4 != 0, (count + paddingCount) % 4 == 0 else { return nil }
        }
        let utf8 = all[0..<count]
        var lookup = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.characters.enumerated() { lookup[Int(character)] = UInt8(value) }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in utf8 {
            let value = lookup[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return output
    }
}
