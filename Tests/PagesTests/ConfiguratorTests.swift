import Domain
import Foundation
import Testing

@testable import Pages

/// The configurator without JavaScript: the form, the server-side price summary and inline errors.
@Suite struct ConfiguratorTests {
    typealias F = PagesFixtures

    func page(_ values: [String: String]?, _ language: Language) -> String {
        let form = values.map { ConfiguratorForm(values: $0, catalog: F.catalog) }
        let view = ConfiguratorView(catalog: F.catalog, form: form)
        return F.site.render(page: .configurator, language: language, context: PageContext(configurator: view))
    }

    @Test(arguments: Language.allCases) func emptyFormShowsTheChoicesAndNoPrice(language: Language) {
        let html = page(nil, language)
        #expect(html.contains("<form method=\"get\" action=\"\(Page.configurator.path(in: language))\""))
        #expect(html.contains("name=\"package\" id=\"cfg-package-ai_assessment\" value=\"ai_assessment\" checked"))
        #expect(html.contains("type=\"number\" inputmode=\"numeric\" name=\"qty_extra_users\""))
        #expect(html.contains("type=\"checkbox\" name=\"qty_priority_support\""))
        #expect(!html.contains("qty_retired"))
        #expect(html.contains("<option value=\"DE\" selected>"))
        #expect(html.contains(F.escape(Strings.table(for: language)["quote_empty"]!)))
        #expect(html.contains("data-order-form hidden>"), "no order without a price")
        #expect(html.contains("aria-live=\"polite\""))
    }

    /// The catalog's members are built once per worker and language (a second render shares them) and anew as soon
    /// as the catalog differs: a changed price and name, an add-on retired, a toggle that became a counter.
    @Test func theCatalogsMembersAreKeptUntilTheCatalogChanges() throws {
        let strings = Strings.table(for: .de)
        let first = ConfiguratorView.catalogMembers(F.catalog, in: .de, strings: strings)
        let again = ConfiguratorView.catalogMembers(F.catalog, in: .de, strings: strings)
        #expect(first.addons.count == 3 && again.addons.count == 3)
        for (kept, built) in zip(again.addons, first.addons) {
            #expect(kept.members.sharesStorage(with: built.members))
        }

        let changed = try Catalog(
            packages: F.catalog.packages,
            addons: [
                Addon(
                    id: "extra_users", name: F.text("Weitere Nutzer", "More users"),
                    description: F.text("Zehn Nutzer", "Ten users"), net: .eur(9_500), interval: .monthly,
                    maxQuantity: 50),
                Addon(
                    id: "onboarding_workshop", name: F.text("Onboarding-Workshop", "Onboarding workshop"),
                    description: F.text("Ein Tag", "One day"), net: .eur(120_000), interval: .oneTime, maxQuantity: 5,
                    isActive: false),
                Addon(
                    id: "priority_support", name: F.text("Priority-Support", "Priority support"),
                    description: F.text("Vier Stunden", "Four hours"), net: .eur(39_000), interval: .monthly,
                    maxQuantity: 3),
            ],
            creditProducts: F.catalog.creditProducts)
        func render(_ catalog: Catalog) -> String {
            let view = ConfiguratorView(
                catalog: catalog, form: ConfiguratorForm(values: ["qty_priority_support": "2"], catalog: catalog))
            return F.site.render(page: .configurator, language: .de, context: PageContext(configurator: view))
        }
        let before = render(F.catalog)
        let after = render(changed)
        #expect(before.contains("Zusätzliche Nutzer") && !before.contains("Weitere Nutzer"))
        #expect(after.contains("Weitere Nutzer") && !after.contains("Zusätzliche Nutzer"))
        #expect(
            before.contains("· 90,00\u{a0}€") && after.contains("· 95,00\u{a0}€") && !after.contains("· 90,00\u{a0}€"))
        #expect(before.contains("name=\"qty_onboarding_workshop\"") && !after.contains("qty_onboarding_workshop"))
        #expect(before.contains("type=\"checkbox\" name=\"qty_priority_support\""))
        #expect(after.contains("type=\"number\" inputmode=\"numeric\" name=\"qty_priority_support\""))
        #expect(after.contains("max=\"3\" step=\"1\" value=\"2\""))
        // Back to the first catalog: its page again, byte for byte.
        #expect(render(F.catalog) == before)
        // An equal catalog built anew renders the same page.
        let rebuilt = try Catalog(
            packages: F.catalog.packages.map { $0 }, addons: F.catalog.addons.map { $0 },
            creditProducts: F.catalog.creditProducts.map { $0 })
        #expect(render(rebuilt) == before)
    }

    @Test func germanBuyerPaysNineteenPercent() {
        // 490.00 + 2 × 90.00 = 670.00 net; 19 % = 127.30; gross 797.30.
        let html = page(["package": "assistant_starter", "qty_extra_users": "2", "country": "DE"], .de)
        #expect(html.contains("data-quote-net>670,00\u{a0}€<"))
        #expect(html.contains("data-quote-vat>127,30\u{a0}€<"))
        #expect(html.contains("data-quote-gross>797,30\u{a0}€<"))
        #expect(html.contains("USt. 19\u{a0}% (Deutschland)"))
        #expect(html.contains("Danach monatlich: 797,30\u{a0}€"))
        #expect(!html.contains("Steuerschuldnerschaft des Leistungsempfängers</strong>"))
        #expect(html.contains("<input type=\"hidden\" name=\"qty_extra_users\" value=\"2\">"))
        #expect(!html.contains("data-order-form hidden"), "the order form is shown once priced")
        #expect(html.contains("name=\"b2b_confirm\""))
    }

    @Test(arguments: Language.allCases) func austrianBusinessGetsReverseCharge(language: Language) {
        let html = page(["package": "ai_assessment", "country": "AT", "vat_id": "ATU13585627"], language)
        let note = language == .de ? "Steuerschuldnerschaft des Leistungsempfängers" : "Reverse charge"
        #expect(html.contains("<p class=\"legal-note\"><strong>\(note)"))
        #expect(html.contains(language == .de ? "data-quote-vat>0,00\u{a0}€<" : "data-quote-vat>€0.00<"))
        #expect(html.contains(language == .de ? "data-quote-gross>2.900,00\u{a0}€<" : "data-quote-gross>€2,900.00<"))
        #expect(html.contains("ATU13585627"))
    }

    @Test func swissBusinessIsNotTaxableInGermany() {
        let html = page(["package": "ai_assessment", "country": "CH"], .en)
        #expect(html.contains("Not taxable in Germany"))
        #expect(html.contains("data-quote-gross>€2,900.00<"))
    }

    @Test(arguments: [
        (["package": "ai_assessment", "country": "AT"], "vat_id", "error_vat_id_required"),
        (["package": "ai_assessment", "country": "AT", "vat_id": "ATU13585628"], "vat_id", "error_vat_id_checksum"),
        (["package": "ai_assessment", "country": "DE", "vat_id": "ATU13585627"], "vat_id", "error_vat_id_country"),
        (["package": "ai_assessment", "country": "ZZ"], "country", "error_country"),
        (["package": "nope", "country": "DE"], "package", "error_package"),
        (["package": "retired", "country": "DE"], "package", "error_package"),
        (["package": "ai_assessment", "country": "DE", "qty_extra_users": "51"], "qty_extra_users", "error_quantity"),
        (
            ["package": "ai_assessment", "country": "DE", "qty_extra_users": "zwei"], "qty_extra_users",
            "error_quantity"
        ),
    ])
    func brokenRulesAreShownOnTheirFieldInTheLanguage(values: [String: String], field: String, key: String) {
        let view = ConfiguratorView(catalog: F.catalog, form: ConfiguratorForm(values: values, catalog: F.catalog))
        #expect(view.quote == nil)
        #expect(view.fieldErrors[field] == key)
        for language in Language.allCases {
            let html = page(values, language)
            let message = F.escape(Strings.table(for: language)[key]!)
            #expect(
                html.contains(
                    "<p class=\"field-error\" id=\"cfg-\(field.replacingOccurrences(of: "_", with: "-"))-error\">\(message)</p>"
                ))
            #expect(html.contains("aria-invalid=\"true\"") || field == "package")
            #expect(html.contains(F.escape(Strings.table(for: language)["quote_empty"]!)))
        }
    }

    @Test func submittedValuesAreEchoedEscaped() {
        let html = page(["package": "ai_assessment", "country": "AT", "vat_id": "\"><script>x"], .de)
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;x\""))
        #expect(!html.contains("<script>x"))
    }

    @Test func formParsingSkipsZeroAndEmptyQuantities() {
        let form = ConfiguratorForm(
            values: [
                "package": " assistant_starter ", "qty_extra_users": "0", "qty_priority_support": "1",
                "qty_onboarding_workshop": "", "country": "de", "vat_id": " ",
            ],
            catalog: F.catalog)
        #expect(form.package == "assistant_starter")
        #expect(form.addons == [AddonSelection(id: "priority_support", quantity: 1)])
        #expect(form.vatId == nil)
        #expect(form.errors.isEmpty && form.isSubmitted)
        #expect(!ConfiguratorForm(values: [:], catalog: F.catalog).isSubmitted)
    }
}
