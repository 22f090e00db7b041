public import Domain

extension DomainError {
    /// The form field the error belongs to (`package`, `qty_<addon>`, `country`, `vat_id`), `nil` if none.
    public var fieldName: String? {
        switch self {
        case .unknownCountry: "country"
        case .vatIdRequired, .invalidVatId: "vat_id"
        case .unknownPackage: "package"
        case .unknownAddon(let id), .duplicateAddon(let id): "qty_" + id
        case .quantityOutOfRange(let id, _, _): "qty_" + id
        case .inactiveItem: "package"
        case .unknownCurrency, .unknownProduct, .invalidCatalog, .invalidInvoice: nil
        }
    }

    /// The key in ``Strings`` of the message a visitor sees.
    public var messageKey: String {
        switch self {
        case .unknownCountry: "error_country"
        case .vatIdRequired: "error_vat_id_required"
        case .invalidVatId(let reason):
            switch reason {
            case .empty: "error_vat_id_required"
            case .missingCountryPrefix: "error_vat_id_prefix"
            case .notEUPrefix: "error_vat_id_not_eu"
            case .countryMismatch: "error_vat_id_country"
            case .invalidFormat: "error_vat_id_format"
            case .invalidChecksum: "error_vat_id_checksum"
            }
        case .unknownPackage, .inactiveItem: "error_package"
        case .unknownAddon, .duplicateAddon: "error_addon"
        case .quantityOutOfRange: "error_quantity"
        case .unknownCurrency, .unknownProduct, .invalidCatalog, .invalidInvoice: "error_generic"
        }
    }
}
