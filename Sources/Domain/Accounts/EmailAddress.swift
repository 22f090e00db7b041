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

    /// Validates and normalises `raw`. Reads the UTF-8 bytes in place and makes new strings only for what changes
    /// (a domain with capitals, a normalised form that differs): every signed-in request decodes its principal's
    /// stored address (issue #16).
    public static func parse(_ raw: String) -> Result<EmailAddress, Rejection> {
        var trimmed = raw.trimmedWhitespace
        if trimmed.isEmpty { return .failure(.empty) }
        return trimmed.withUTF8 { bytes -> Result<EmailAddress, Rejection> in
            if bytes.count > 254 { return .failure(.tooLong) }
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return .failure(.malformed) }
            let local = UnsafeBufferPointer(rebasing: bytes[..<at])
            let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
            guard isValidLocal(local), isValidDomain(domain) else { return .failure(.malformed) }
            let value =
                domain.contains(where: \.isASCIIUppercaseLetter)
                ? String(decoding: local, as: UTF8.self) + "@"
                    + String(decoding: domain.map(Self.lowercased), as: UTF8.self)
                : String(decoding: bytes, as: UTF8.self)
            let normalized =
                local.contains(where: \.isASCIIUppercaseLetter)
                ? String(decoding: value.utf8.map(lowercased), as: UTF8.self) : value
            return .success(EmailAddress(value: value, normalized: normalized))
        }
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

    private static func isValidLocal(_ local: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...64).contains(local.count), local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".")
        else { return false }
        var previous: UInt8 = 0
        for byte in local {
            let dot = byte == UInt8(ascii: ".")
            guard isAlphanumeric(byte) || dot || isAllowedLocalSymbol(byte) else { return false }
            if dot && previous == UInt8(ascii: ".") { return false }
            previous = byte
        }
        return true
    }

    /// Whether `byte` is one of ``allowedLocalSymbols``, read from a table made from them once (no hashing a byte).
    private static func isAllowedLocalSymbol(_ byte: UInt8) -> Bool { localSymbolTable[Int(byte)] }

    private static let localSymbolTable: [Bool] = (0...255).map { allowedLocalSymbols.contains(UInt8($0)) }

    /// At least two dot-separated labels of letters, digits and inner hyphens, each 1–63 bytes, the last not all
    /// digits; one pass, no arrays.
    private static func isValidDomain(_ domain: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...253).contains(domain.count) else { return false }
        var labels = 0
        var labelStart = 0
        var allDigits = true
        for index in 0...domain.count {
            if index == domain.count || domain[index] == UInt8(ascii: ".") {
                guard (1...63).contains(index - labelStart), domain[labelStart] != UInt8(ascii: "-"),
                    domain[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                if index == domain.count { return labels >= 2 && !allDigits }
                labelStart = index + 1
                allDigits = true
            } else {
                let byte = domain[index]
                guard isAlphanumeric(byte) || byte == UInt8(ascii: "-") else { return false }
                if !byte.isASCIIDigit { allDigits = false }
            }
        }
        return false
    }
}
