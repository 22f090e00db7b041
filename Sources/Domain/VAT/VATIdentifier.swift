/// A VAT identification number of an EU member state, checked offline for format and checksum.
///
/// Parsing normalises first: ASCII letters are upper-cased, white space, `.`, `-` and `/` are removed, and the
/// Greek ISO prefix `GR` becomes the VAT prefix `EL`. Then the prefix must be that of one of the 27 member
/// states (`XI` is refused: Northern Ireland numbers are for goods only), the rest must match the state's
/// VIES format, and the state's official check-digit algorithm must pass. A valid ID is only *plausible*:
/// whether it is issued is for VIES or the BZSt to confirm later, outside this module.
public struct VATIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The member state that issued the number (Greece for `EL`).
    public let memberState: Country
    /// The number without its prefix, normalised, e.g. `U13585627` for `ATU13585627`.
    public let number: String

    /// Parses a VAT ID of any EU member state, e.g. `"de 136 695 976"` or `"GR-094259216"`.
    ///
    /// Throws ``DomainError/invalidVatId(_:)`` with the ``VATIdentifierRejection`` that says why.
    public init(_ raw: String) throws(DomainError) {
        try self.init(raw, expected: nil)
    }

    /// Parses a VAT ID that must have been issued by `buyerCountry`.
    ///
    /// An ID of another state is ``VATIdentifierRejection/countryMismatch(buyerCountry:vatPrefix:)``, checked
    /// before the format, so a valid Austrian ID for a German buyer is refused as a mismatch.
    public init(_ raw: String, buyerCountry: Country) throws(DomainError) {
        try self.init(raw, expected: buyerCountry)
    }

    private init(_ raw: String, expected: Country?) throws(DomainError) {
        let normalised = Array(VATIdentifier.normalise(raw).utf8)
        guard !normalised.isEmpty else { throw .invalidVatId(.empty) }
        guard normalised.count >= 2, normalised[0].isASCIIUppercaseLetter, normalised[1].isASCIIUppercaseLetter
        else { throw .invalidVatId(.missingCountryPrefix) }
        let prefix = String(decoding: normalised[0..<2], as: UTF8.self)
        guard let state = Country.memberState(vatPrefix: prefix) else { throw .invalidVatId(.notEUPrefix(prefix)) }
        if let expected, expected != state {
            throw .invalidVatId(.countryMismatch(buyerCountry: expected, vatPrefix: prefix))
        }
        guard let rule = VATNumberRule.rules[prefix] else { throw .invalidVatId(.notEUPrefix(prefix)) }
        let body = Array(normalised[2...])
        guard rule.pattern.matches(body) else { throw .invalidVatId(.invalidFormat(state)) }
        switch rule.check(body) {
        case .valid: break
        case .invalidFormat: throw .invalidVatId(.invalidFormat(state))
        case .invalidChecksum: throw .invalidVatId(.invalidChecksum(state))
        }
        self.memberState = state
        self.number = String(decoding: body, as: UTF8.self)
    }

    /// The VAT prefix, e.g. `DE`, `EL`.
    public var prefix: String { memberState.vatPrefix ?? memberState.code }

    /// The whole normalised ID, prefix and number, e.g. `ATU13585627`; the form to store and print.
    public var value: String { prefix + number }

    /// The whole normalised ID, e.g. `DE136695976`.
    public var description: String { value }

    /// The normalised spelling of `raw`: ASCII upper-case, without white space, `.`, `-` and `/`, and with a
    /// leading `GR` replaced by `EL`. Other characters are kept (and later fail the format check).
    public static func normalise(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars where !scalar.properties.isWhitespace {
            switch scalar {
            case ".", "-", "/": continue
            case "a"..."z": scalars.append(Unicode.Scalar(scalar.value - 0x20) ?? scalar)
            default: scalars.append(scalar)
            }
        }
        let text = String(scalars)
        return text.hasPrefix("GR") ? "EL" + text.dropFirst(2) : text
    }
}
