import Domain
import Storage
import Web

/// The company's billing profile (`/api/v1/company/billing-profile`): legal name, address, country and VAT ID as
/// the next invoices show them (issued invoices keep their snapshot). The VAT ID is checked again on every change.
enum BillingProfileRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/company/billing-profile",
            RouteDocumentation(
                "The company's billing profile: {legal_name, street, extra, postal_code, city, country, vat_id}.",
                tag: "account", access: .authenticated,
                responses: [
                    (200, "The profile"), (401, "Not signed in"), (404, "A staff account (no billing profile)"),
                ],
                response: profileSchema),
            show)
        table.add(
            .put, "/api/v1/company/billing-profile",
            RouteDocumentation(
                "Replace the billing profile (legal_name, street, postal_code, city, country required; vat_id"
                    + " checked by format and checksum, required for EU buyers outside Germany). Used by future"
                    + " invoices only.", tag: "account", access: .authenticated, requestBody: "application/json",
                responses: [
                    (200, "The stored profile"), (400, "Malformed body"), (401, "Not signed in"),
                    (403, "CSRF token missing"), (404, "A staff account (no billing profile)"),
                    (422, "Field problems, nothing stored"),
                ],
                request: .object([
                    "legal_name": .text(200), "street": .text(200),
                    "extra?": APISchema.text(200, minimumLength: 0).orNull,
                    "postal_code": .text(20), "city": .text(200), "country": .text(2),
                    "vat_id?": APISchema.text(20, minimumLength: 0).orNull,
                ]), response: profileSchema), replace)
    }

    static func show(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard let company = try context.services.accounts.accounts.company(of: caller.principal) else {
            throw Problem.notFound(detail: "Your company was not found.")
        }
        return .json(profile(company)).private()
    }

    static func replace(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let legalName = fields.string("legal_name", maximumLength: 200)
        let street = fields.string("street", maximumLength: 200)
        let extra = fields.optionalString("extra", maximumLength: 200)
        let postalCode = fields.string("postal_code", maximumLength: 20)
        let city = fields.string("city", maximumLength: 200)
        let countryCode = fields.string("country", maximumLength: 2)
        let vatID = fields.optionalString("vat_id", maximumLength: 20)
        try fields.check()
        let decision: VATDecision
        do {
            decision = try VATDecision.decide(buyerCountryCode: countryCode.uppercased(), vatId: vatID)
        } catch {
            throw error.problem
        }
        let address = BillingAddress(street: street, extra: extra, postalCode: postalCode, city: city)
        guard
            let company = try store(
                caller: caller, legalName: legalName, decision: decision, address: address, context: context)
        else { throw Problem.notFound(detail: "Your company has no billing profile (staff accounts have none).") }
        return .json(profile(company)).private()
    }

    /// Stores a validated profile for the caller's company and audits it; nil for a company without a profile.
    static func store(
        caller: Caller, legalName: String, decision: VATDecision, address: BillingAddress, context: RequestContext
    ) throws -> Company? {
        guard
            let company = try BillingProfileStore(connection: context.services.database).update(
                companyID: caller.principal.companyID, legalName: legalName, country: decision.buyerCountry,
                vatID: decision.buyerVatId, address: address)
        else { return nil }
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: AuditAction("company.billing_profile.update"),
                target: company.id.rawValue, ip: context.clientAddress,
                details: ["country": company.country, "vat_id": company.vatId ?? ""]))
        return company
    }

    /// The schema of ``profile(_:)``.
    static let profileSchema = APISchema.object([
        "legal_name": .string, "street": APISchema.string.orNull, "extra": APISchema.string.orNull,
        "postal_code": APISchema.string.orNull, "city": APISchema.string.orNull, "country": .string,
        "vat_id": APISchema.string.orNull,
    ])

    static func profile(_ company: Company) -> JSON {
        [
            "legal_name": .string(company.name), "street": JSON(company.billingAddress.street),
            "extra": JSON(company.billingAddress.extra), "postal_code": JSON(company.billingAddress.postalCode),
            "city": JSON(company.billingAddress.city), "country": .string(company.country),
            "vat_id": JSON(company.vatId),
        ]
    }
}
