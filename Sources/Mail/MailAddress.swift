import PlainText

/// An e-mail address (`local@domain`, ASCII, as RFC 5321 accepts it in `MAIL FROM`/`RCPT TO`) with an
/// optional display name (any Unicode, encoded per RFC 2047 when written).
///
/// Parsing is deliberately stricter than RFC 5322: dot-atom local parts only (no quoted strings, no
/// comments), domain names of letters, digits and hyphens with at least one dot (or `localhost`), no
/// control characters anywhere. What it refuses never reaches SMTP.
public struct MailAddress: Hashable, Sendable {
    /// `local@domain`.
    public let address: String
    /// The display name, if any (may contain umlauts; CR, LF and other controls are refused).
    public let name: String?

    /// Checks `address` and `name`; throws ``MailError/invalidAddress(_:)``.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        guard Self.isValid(address) else { throw .invalidAddress("not a plain local@domain address") }
        if let name {
            guard
                name.unicodeScalars.allSatisfy({
                    $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
                })
            else { throw .invalidAddress("display name contains control characters") }
            guard name.count <= 200 else { throw .invalidAddress("display name longer than 200 characters") }
        }
        self.address = address
        self.name = (name?.isEmpty ?? true) ? nil : name
    }

    /// Parses `Name <local@domain>` or a bare `local@domain` (the `CODEZERO_MAIL_FROM` format).
    public init(parsing text: String) throws(MailError) {
        let trimmed = text.trimmedWhitespace
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmedWhitespace
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            try self.init(address, name: name.isEmpty ? nil : name)
        } else {
            try self.init(trimmed)
        }
    }

    /// The domain part (after the `@`).
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// Whether `text` is an address this type accepts.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            return false
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)
        let atoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard atoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(atext.contains) }) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        guard
            labels.allSatisfy({
                !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(letters.contains) && $0.first != UInt8(ascii: "-")
                    && $0.last != UInt8(ascii: "-")
            })
        else { return false }
        return labels.count >= 2 || domain.elementsEqual("localhost".utf8)
    }
}
