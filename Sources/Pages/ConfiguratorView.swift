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
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let values = form?.values ?? [:]
        let errors = fieldErrors
        let view = CatalogView(catalog: catalog)
        let chosenPackage = values["package"] ?? view.packages.first?.id ?? ""
        let packages = view.packages.map { package -> TemplateValue in
            [
                "id": .text(package.id), "name": .text(package.name.text(in: language)),
                "description": .text(package.description.text(in: language)),
                "price": .text(PriceFormat.text(package.net, in: language)),
                "interval": .text(CatalogView.intervalLabel(package.interval, strings: strings)),
                "checked": .flag(package.id == chosenPackage),
            ]
        }
        let addons = view.addons.map { addon -> TemplateValue in
            let name = "qty_" + addon.id
            let value = values[name] ?? ""
            var item: TemplateObject = [
                "id": .text(addon.id), "field": .text(name),
                "element_id": .text("cfg-" + name.replacingASCII("_", with: "-")),
                "name": .text(addon.name.text(in: language)),
                "description": .text(addon.description.text(in: language)),
                "price": .text(PriceFormat.text(addon.net, in: language)),
                "interval": .text(CatalogView.intervalLabel(addon.interval, strings: strings)),
                "max_quantity": .number(addon.maxQuantity), "value": .text(value),
            ]
            if addon.maxQuantity == 1 {
                item["toggle"] = ["checked": .flag(!value.isEmpty && value != "0")]
            } else {
                item["counter"] = true
            }
            if let key = errors[name] { item["error"] = .text(strings[key] ?? key) }
            return .object(item)
        }
        let country = values["country"] ?? "DE"
        var context: TemplateObject = [
            "packages": .list(packages), "addons": .list(addons),
            "countries": Self.countries[language]?[country] ?? Self.countryList(in: language, selected: country),
            "vat_id": .text(values["vat_id"] ?? ""),
            "submitted": .flag(form?.isSubmitted ?? false),
        ]
        for field in ["package", "country", "vat_id"] {
            if let key = errors[field] { context["error_" + field] = .text(strings[key] ?? key) }
        }
        if !errors.isEmpty { context["has_errors"] = true }
        if let quote {
            context["quote"] = QuoteSummary(quote: quote).templateValue(in: language, strings: strings)
            context["order_fields"] = .list(orderFields(quote))
        }
        return .object(context)
    }

    /// The country options in every language with each country selected, built once per process: 54 lists of ~30
    /// options that every configurator render would otherwise build and free (issue #16).
    private static let countries: [Language: TemplateObject] = {
        var lists: [Language: TemplateObject] = [:]
        for language in Language.allCases {
            for option in CountryNames.options(in: language) {
                lists[language, default: [:]][option.value] = countryList(in: language, selected: option.value)
            }
        }
        return lists
    }()

    /// The country options in `language` with `selected` selected (none when it is not among them).
    private static func countryList(in language: Language, selected: String) -> TemplateValue {
        .list(
            CountryNames.options(in: language).map {
                ["value": .text($0.value), "label": .text($0.label), "selected": .flag($0.value == selected)]
            })
    }

    /// Hidden fields that carry the priced configuration into the order form (priced again on the server).
    private func orderFields(_ quote: PriceQuote) -> [TemplateValue] {
        let field = { (name: String, value: String) -> TemplateValue in ["name": .text(name), "value": .text(value)] }
        var fields = [field("package", quote.lines.first?.id ?? "")]
        for line in quote.lines.dropFirst() {
            fields.append(field("qty_" + line.id, String(line.quantity)))
        }
        fields.append(field("country", quote.vat.buyerCountry.code))
        if let vatId = quote.vat.buyerVatId { fields.append(field("vat_id", vatId.value)) }
        return fields
    }
}
