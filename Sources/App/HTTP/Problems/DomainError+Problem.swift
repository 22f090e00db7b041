public import Domain
public import Web

/// Business rule violations → 422 problems naming the field (`errors[]`).
extension DomainError: ProblemConvertible {
    /// 422 with the field the rule is about; a broken catalog or invoice is an internal error.
    public var problem: Problem {
        let field: String
        switch self {
        case .unknownCountry: field = "country"
        case .unknownCurrency: field = "currency"
        case .vatIdRequired, .invalidVatId: field = "vat_id"
        case .unknownPackage: field = "package"
        case .unknownAddon, .quantityOutOfRange, .duplicateAddon: field = "addons"
        case .unknownProduct: field = "product_id"
        case .inactiveItem: field = "id"
        case .invalidCatalog, .invalidInvoice: return .internal()
        }
        return .unprocessable(detail: description, errors: [FieldError(field: field, detail: description, code: code)])
    }

    /// A stable machine-readable code per case.
    public var code: String {
        switch self {
        case .unknownCountry: "unknown_country"
        case .unknownCurrency: "unknown_currency"
        case .vatIdRequired: "vat_id_required"
        case .invalidVatId: "invalid_vat_id"
        case .unknownPackage: "unknown_package"
        case .unknownAddon: "unknown_addon"
        case .unknownProduct: "unknown_product"
        case .inactiveItem: "inactive_item"
        case .quantityOutOfRange: "quantity_out_of_range"
        case .duplicateAddon: "duplicate_addon"
        case .invalidCatalog: "invalid_catalog"
        case .invalidInvoice: "invalid_invoice"
        }
    }
}
