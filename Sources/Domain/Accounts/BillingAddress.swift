/// A company's postal billing address (the country is the company's own).
///
/// All parts are optional at registration (the API contract only asks for company name and country);
/// invoices need street, postal code and city, which ``isComplete`` reports.
public struct BillingAddress: Sendable, Hashable {
    /// Street and number.
    public var street: String?
    /// A second address line (building, department, c/o).
    public var extra: String?
    /// The postal code.
    public var postalCode: String?
    /// The city.
    public var city: String?

    /// An address; blank parts count as missing.
    public init(street: String? = nil, extra: String? = nil, postalCode: String? = nil, city: String? = nil) {
        self.street = BillingAddress.clean(street)
        self.extra = BillingAddress.clean(extra)
        self.postalCode = BillingAddress.clean(postalCode)
        self.city = BillingAddress.clean(city)
    }

    /// Whether street, postal code and city are all present.
    public var isComplete: Bool { street != nil && postalCode != nil && city != nil }

    /// The field problems of this address (each part one line of at most 200 characters, the postal code 20).
    public func fieldErrors(prefix: String = "billing_address.") -> [FieldError] {
        var errors: [FieldError] = []
        let limits: [(String, String?, Int)] = [
            ("street", street, 200), ("extra", extra, 200), ("postal_code", postalCode, 20), ("city", city, 200),
        ]
        for (name, value, maximum) in limits {
            guard let value else { continue }
            switch TextRule(maximumCharacters: maximum).violation(in: value) {
            case .controlCharacter?: errors.append(FieldError(field: prefix + name, problem: .controlCharacter))
            case .tooLong?: errors.append(FieldError(field: prefix + name, problem: .tooLong(maximum: maximum)))
            case nil: break
            }
        }
        return errors
    }

    private static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmedWhitespace, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
