public import Domain
import Foundation

/// Everything the configurator page shows: the catalog as a form, the visitor's choices, and either the price
/// summary or the errors. Works without JavaScript; `configurator.js` only refreshes the summary live.
public struct ConfiguratorView: Sendable {
    /// The catalog offered.
    public let catalog: Catalog
    /// The submitted form, if any.
    public let form: ConfiguratorForm?
    /// The quote for a valid submission.
    public let quote: PriceQuote?
    /// The rule a submission broke.
    public let error: DomainError?

    /// The view for `catalog`; prices `form` when it was submitted and parsed without field errors.
    public init(catalog: Catalog, form: ConfiguratorForm? = nil) {
        self.catalog = catalog
        self.form = form
        guard let form, form.isSubmitted, form.errors.isEmpty else {
            quote = nil
            error = nil
            return
        }
        switch form.price(with: Pricing(catalog: catalog)) {
        case .success(let priced):
            quote = priced
            error = nil
        case .failure(let broken):
            quote = nil
            error = broken
        }
    }

    /// The field errors to show: those of parsing plus the pricing error on its field.
    public var fieldErrors: [String: String] {
        var errors = form?.errors ?? [:]
        if let error { errors[error.fieldName ?? "package"] = error.messageKey }
        return errors
    }

    /// The template values under `configurator`.
    func context(in language: Language, strings: [String: String]) -> [String: Any] {
        let values = form?.values ?? [:]
        let errors = fieldErrors
        let view = CatalogView(catalog: catalog)
        let chosenPackage = values["package"] ?? view.packages.first?.id ?? ""
        let packages = view.packages.map { package -> [String: Any] in
            [
                "id": package.id, "name": package.name.text(in: language),
                "description": package.description.text(in: language),
                "price": PriceFormat.text(package.net, in: language),
                "interval": CatalogView.intervalLabel(package.interval, strings: strings),
                "checked": package.id == chosenPackage,
            ]
        }
        let addons = view.addons.map { addon -> [String: Any] in
            let name = "qty_" + addon.id
            var item: [String: Any] = [
                "id": addon.id, "field": name, "element_id": "cfg-" + name.replacingOccurrences(of: "_", with: "-"),
                "name": addon.name.text(in: language), "description": addon.description.text(in: language),
                "price": PriceFormat.text(addon.net, in: language),
                "interval": CatalogView.intervalLabel(addon.interval, strings: strings),
                "max_quantity": addon.maxQuantity, "value": values[name] ?? "",
            ]
            if addon.maxQuantity == 1 {
                item["toggle"] = ["checked": !(values[name] ?? "").isEmpty && values[name] != "0"]
            } else {
                item["counter"] = true
            }
            if let key = errors[name] { item["error"] = strings[key] ?? key }
            return item
        }
        let country = values["country"] ?? "DE"
        var context: [String: Any] = [
            "packages": packages, "addons": addons,
            "countries": CountryNames.options(in: language).map {
                ["value": $0.value, "label": $0.label, "selected": $0.value == country]
            },
            "vat_id": values["vat_id"] ?? "",
            "submitted": form?.isSubmitted ?? false,
        ]
        for field in ["package", "country", "vat_id"] {
            if let key = errors[field] { context["error_" + field] = strings[key] ?? key }
        }
        if !errors.isEmpty { context["has_errors"] = true }
        if let quote {
            context["quote"] = QuoteSummary(quote: quote).context(in: language, strings: strings)
            context["order_fields"] = orderFields(quote)
        }
        return context
    }

    /// Hidden fields that carry the priced configuration into the order form (priced again on the server).
    private func orderFields(_ quote: PriceQuote) -> [[String: String]] {
        var fields = [["name": "package", "value": quote.lines.first?.id ?? ""]]
        for line in quote.lines.dropFirst() {
            fields.append(["name": "qty_" + line.id, "value": String(line.quantity)])
        }
        fields.append(["name": "country", "value": quote.vat.buyerCountry.code])
        if let vatId = quote.vat.buyerVatId { fields.append(["name": "vat_id", "value": vatId.value]) }
        return fields
    }
}
