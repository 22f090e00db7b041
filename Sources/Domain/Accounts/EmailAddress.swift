/// A validated e-mail address; two addresses are the same person when they match ignoring case.
///
/// Accepted: `local@domain` in ASCII after trimming white space, at most 254 characters; the local part
/// 1–64 characters of letters, digits and ``allowedLocalSymbols``, without a leading, trailing or
/// doubled dot (no quoted local parts); the domain at least two dot-separated labels of letters, digits
/// and inner hyphens, each 1–63 characters, the last not all digits. Internationalised domains must
/// be given in their `xn--` form.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// Why a text is not an acceptable e-mail address.
    public enum Rejection: Error, Sendable, Hashable {
        /// Nothing was given.
        case empty
        /// Longer than 254 characters.
        case tooLong
        /// Not of the form described on ``EmailAddress``.
        case malformed
    }

    /// The address as given, trimmed, with the domain in lower case (for sending mail).
    public let value: String
    /// The whole address in lower case: the identity used for uniqueness and look-ups.
    public let normalized: String

    /// Symbols allowed in the local part besides letters, digits and inner dots.
    public static let allowedLocalSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// Validates and normalises `raw`.
    public static func parse(_ raw: String) -> Result<EmailAddress, Rejection> {
        let trimmed = raw.trimmedWhitespace
        if trimmed.isEmpty { return .failure(.empty) }
        let bytes = Array(trimmed.utf8)
        if bytes.count > 254 { return .failure(.tooLong) }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return .failure(.malformed) }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...].map(Self.lowercased)
        guard isValidLocal(local), isValidDomain(domain) else { return .failure(.malformed) }
        let value = String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
        let normalized = String(decoding: value.utf8.map(lowercased), as: UTF8.self)
        return .success(EmailAddress(value: value, normalized: normalized))
    }

    /// Validates and normalises `raw`; `nil` when it is not acceptable.
    public init?(_ raw: String) {
        guard case .success(let address) = Self.parse(raw) else { return nil }
        self = address
    }

    private init(value: String, normalized: String) {
        self.value = value
        self.normalized = normalized
    }

    /// Equal when equal ignoring case.
    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.normalized == rhs.normalized }

    /// Hashes the normalised form.
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    /// The address as given (domain in lower case).
    public var description: String { value }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte.isASCIIUppercaseLetter || (0x61...0x7A).contains(byte)
    }

    private static func isValidLocal(_ local: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(local.count), local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".")
        else { return false }
        var previous: UInt8 = 0
        for byte in local {
            let dot = byte == UInt8(ascii: ".")
            guard isAlphanumeric(byte) || dot || allowedLocalSymbols.contains(byte) else { return false }
            if dot && previous == UInt8(ascii: ".") { return false }
            previous = byte
        }
        return true
    }

    private static func isValidDomain(_ domain: [UInt8]) -> Bool {
        guard (1...253).contains(domain.count) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return !labels[labels.count - 1].allSatisfy(\.isASCIIDigit)
    }
}
