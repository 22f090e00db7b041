import Domain
import Foundation

@testable import Pages

/// A catalog like the seeded one (a subset), the renderer, and small HTML helpers for the tests.
enum PagesFixtures {
    static let baseURL = "https://codezero.test"

    static func text(_ de: String, _ en: String) -> LocalizedText { LocalizedText(de: de, en: en) }

    static let catalog = try! Catalog(
        packages: [
            BasePackage(
                id: "ai_assessment", name: text("KI-Potenzialanalyse", "AI opportunity assessment"),
                description: text("Zwei Workshoptage", "Two workshop days"), net: .eur(290_000), interval: .oneTime),
            BasePackage(
                id: "assistant_starter", name: text("KI-Assistent Starter", "AI assistant Starter"),
                description: text("Wissensassistent", "Knowledge assistant"), net: .eur(49_000), interval: .monthly),
            BasePackage(
                id: "retired", name: text("Alt", "Old"), description: text("Alt", "Old"), net: .eur(100),
                interval: .monthly, isActive: false),
        ],
        addons: [
            Addon(
                id: "extra_users", name: text("Zusätzliche Nutzer", "Additional users"),
                description: text("Zehn Nutzer", "Ten users"), net: .eur(9_000), interval: .monthly, maxQuantity: 50),
            Addon(
                id: "onboarding_workshop", name: text("Onboarding-Workshop", "Onboarding workshop"),
                description: text("Ein Tag", "One day"), net: .eur(120_000), interval: .oneTime, maxQuantity: 5),
            Addon(
                id: "priority_support", name: text("Priority-Support", "Priority support"),
                description: text("Vier Stunden", "Four hours"), net: .eur(39_000), interval: .monthly,
                maxQuantity: 1),
        ],
        creditProducts: [
            CreditProduct(id: "credits_1", credits: 1, net: .eur(149)),
            CreditProduct(id: "credits_5", credits: 5, net: .eur(699)),
        ])

    static let site: SitePages = try! SitePages(baseURL: baseURL + "/")

    /// The text of every `<script type="application/ld+json">` element.
    static func jsonLDBlocks(_ html: String) -> [String] {
        html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map {
            $0.components(separatedBy: "</script>")[0]
        }
    }

    /// The value of the first `attribute="…"` on the first tag that contains `marker`.
    static func attribute(_ attribute: String, ofTagContaining marker: String, in html: String) -> String? {
        guard let range = html.range(of: marker) else { return nil }
        let start = html[..<range.lowerBound].lastIndex(of: "<") ?? html.startIndex
        let end = html[range.upperBound...].firstIndex(of: ">") ?? html.endIndex
        let tag = html[start..<end]
        guard let found = tag.range(of: " \(attribute)=\"") else { return nil }
        return String(tag[found.upperBound...].prefix { $0 != "\"" })
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Every page with the data it shows, for the "all pages × both languages" tests.
    static func context(for page: Page) -> PageContext {
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        let account = PortalView.Account(
            email: "einkauf@example.de", companyName: "Beispiel GmbH", role: "owner", countryCode: "DE",
            vatId: "DE136695976", credits: 12)
        var portal = PortalView(
            account: account, tokens: [PortalView.Token(id: "tok_1", name: "CI", createdAt: date, lastUsedAt: date)],
            creditProducts: catalog.creditProducts,
            purchases: [
                PortalView.Purchase(
                    id: "pur_1", productId: "credits_5", credits: 5, status: "paid", gross: .eur(832), createdAt: date)
            ],
            orders: [
                PortalView.Order(
                    id: "ord_1", packageName: catalog.packages[1].name, status: "pending", firstPayment: .eur(58_310),
                    monthly: .eur(58_310), createdAt: date)
            ])
        let day = { (offset: Int) in date.addingTimeInterval(TimeInterval(offset * 86_400)) }
        portal.subscriptions = [
            SubscriptionPanel(
                id: "5b0f2c1e-0000-4000-8000-000000000001", plan: catalog.packages[1].name,
                pendingPlan: catalog.packages[2].name, status: "past_due", period: (day(0), day(31)),
                cancelAtPeriodEnd: false,
                usage: [
                    SubscriptionPanel.Usage(
                        name: LocalizedText(de: "Assistenten-Minuten", en: "Assistant minutes"),
                        unit: LocalizedText(de: "Minuten", en: "minutes"), used: UsageQuantity(units: 1_200),
                        included: UsageQuantity(units: 1_000), overage: UsageQuantity(units: 200),
                        overageAmount: .eur(1_000),
                        daily: [
                            (day(0), UsageQuantity(units: 400)), (day(1), .zero),
                            (day(2), UsageQuantity(thousandths: 700_500)), (day(3), UsageQuantity(thousandths: 99_500)),
                        ])
                ], nextInvoice: (.eur(149_000), .eur(1_000)),
                invoices: [
                    SubscriptionPanel.Invoice(
                        number: "CZ-2026-000007", issued: date, status: "open", gross: .eur(58_310),
                        open: .eur(12_050))
                ], owed: .eur(12_050), nextRetry: day(3))
        ]
        let supportRequest = PortalSupport.Request(
            id: "5b0f2c1e-0000-4000-8000-0000000000aa", subject: "Frage zur Rechnung <CZ-2026-000007>",
            status: "answered", about: "Rechnung CZ-2026-000007", updated: date)
        portal.support = PortalSupport(
            requests: [supportRequest],
            references: [
                FormField.Option(
                    value: "invoice:5b0f2c1e-0000-4000-8000-0000000000bb", label: "Rechnung CZ-2026-000007")
            ],
            thread: (
                supportRequest,
                [
                    PortalSupport.Message(fromStaff: false, body: "Stimmt der Betrag?\nDanke", created: date),
                    PortalSupport.Message(fromStaff: true, body: "Ja.", created: date),
                ]
            ))
        switch page {
        case .services, .pricing: return PageContext(catalog: catalog)
        case .configurator:
            let form = ConfiguratorForm(
                values: ["package": "assistant_starter", "qty_extra_users": "2", "country": "DE"], catalog: catalog)
            return PageContext(csrfToken: "csrf-test", configurator: ConfiguratorView(catalog: catalog, form: form))
        case .contact, .login, .register: return PageContext(csrfToken: "csrf-test")
        default:
            return page.isPortal ? PageContext(csrfToken: "csrf-test", signedIn: true, portal: portal) : PageContext()
        }
    }
}
