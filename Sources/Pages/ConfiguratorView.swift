public import Domain
import Foundation
import Synchronization

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
        let members = Self.catalogMembers(catalog, in: language, strings: strings)
        let chosenPackage = values["package"] ?? members.packages.first?.id ?? ""
        let packages = members.packages.map { package -> TemplateValue in
            var item = package.members
            item["checked"] = .flag(package.id == chosenPackage)
            return .object(item)
        }
        let addons = members.addons.map { addon -> TemplateValue in
            let value = values[addon.field] ?? ""
            var item = addon.members
            item["value"] = .text(value)
            if addon.isToggle { item["toggle"] = ["checked": .flag(!value.isEmpty && value != "0")] }
            if let key = errors[addon.field] { item["error"] = .text(strings[key] ?? key) }
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

    /// The members of the active packages and add-ons that depend only on the catalog, the language and its
    /// strings: the catalog pages' (``CatalogView/members(of:in:strings:)``) plus field names and element ids. A
    /// render copies them and adds what the visitor chose (`checked`, `value`, `toggle`, `error`).
    struct CatalogMembers: Sendable {
        var catalog: Catalog
        let language: Language
        let strings: [String: String]
        let packages: [(id: String, members: TemplateObject)]
        let addons: [(field: String, isToggle: Bool, members: TemplateObject)]

        init(_ catalog: Catalog, in language: Language, strings: [String: String]) {
            (self.catalog, self.language, self.strings) = (catalog, language, strings)
            let view = CatalogView(catalog: catalog)
            packages = view.packages.map {
                ($0.id, CatalogView.members(of: $0, in: language, strings: strings))
            }
            addons = view.addons.map { addon in
                let field = "qty_" + addon.id
                var members = CatalogView.members(of: addon, in: language, strings: strings)
                members["field"] = .text(field)
                members["element_id"] = .text("cfg-" + field.replacingASCII("_", with: "-"))
                if addon.maxQuantity != 1 { members["counter"] = true }
                return (field, addon.maxQuantity == 1, members)
            }
        }
    }

    /// The members for `catalog` in `language` with `strings`, built once per worker for each language and built
    /// again when the catalog changes (issue #16: building them was a fifth of a configurator render's
    /// instructions). Comparing is cheap: the worker's catalog cache hands out the same arrays until it reloads,
    /// and arrays and dictionaries that share storage compare equal without looking at their elements; an equal
    /// catalog read anew replaces the kept one.
    static func catalogMembers(
        _ catalog: Catalog, in language: Language, strings: [String: String]
    )
        -> CatalogMembers
    {
        membersCache.withLock { cached in
            if let index = cached.firstIndex(where: {
                $0.language == language && $0.catalog == catalog && $0.strings == strings
            }) {
                // An equal catalog read anew: keep it, so that the next comparisons take the shortcut again.
                cached[index].catalog = catalog
                return cached[index]
            }
            let built = CatalogMembers(catalog, in: language, strings: strings)
            cached.removeAll { $0.language == language }
            cached.append(built)
            return built
        }
    }

    /// One entry per language at most (a changed catalog replaces its language's entry).
    private static let membersCache = Mutex<[CatalogMembers]>([])

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
