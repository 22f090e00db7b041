@testable import Domain

/// A small catalog for the tests: prices are made up, except the credit packs of the payments issue.
enum CatalogFixtures {
    static func text(_ name: String) -> LocalizedText {
        LocalizedText(de: "\(name) (de)", en: "\(name) (en)")
    }

    static let starter = BasePackage(
        id: "starter", name: text("Starter"), description: text("Starter package"), net: .eur(49_900),
        interval: .monthly)
    static let setup = BasePackage(
        id: "setup", name: text("Setup"), description: text("One-time setup"), net: .eur(149_900),
        interval: .oneTime)
    /// 150 cents: 19 % is 28.5 cents, a half-cent case.
    static let probe = BasePackage(
        id: "probe", name: text("Probe"), description: text("Rounding probe"), net: .eur(150), interval: .oneTime)
    static let retired = BasePackage(
        id: "retired", name: text("Retired"), description: text("No longer sold"), net: .eur(100), interval: .monthly,
        isActive: false)

    static let extraUser = Addon(
        id: "extra_user", name: text("Extra user"), description: text("One more seat"), net: .eur(990),
        interval: .monthly, maxQuantity: 10)
    static let onboarding = Addon(
        id: "onboarding", name: text("Onboarding"), description: text("Workshop"), net: .eur(29_900),
        interval: .oneTime, maxQuantity: 1)
    static let halfEuro = Addon(
        id: "half_euro", name: text("Half euro"), description: text("Rounding probe"), net: .eur(50),
        interval: .oneTime, maxQuantity: 5)
    static let halfEuroMonthly = Addon(
        id: "half_euro_monthly", name: text("Half euro monthly"), description: text("Rounding probe"), net: .eur(50),
        interval: .monthly, maxQuantity: 5)
    static let legacy = Addon(
        id: "legacy", name: text("Legacy"), description: text("No longer sold"), net: .eur(500), interval: .monthly,
        maxQuantity: 3, isActive: false)

    /// The credit packs of the payments issue: net prices in cents.
    static let creditProducts = [
        CreditProduct(id: "credits_1", credits: 1, net: .eur(149)),
        CreditProduct(id: "credits_5", credits: 5, net: .eur(699)),
        CreditProduct(id: "credits_10", credits: 10, net: .eur(1299)),
        CreditProduct(id: "iza_pass", credits: 2, net: .eur(299)),
        CreditProduct(id: "credits_old", credits: 3, net: .eur(399), isActive: false),
    ]

    static let catalog = try! Catalog(
        packages: [starter, setup, probe, retired], addons: [extraUser, onboarding, halfEuro, halfEuroMonthly, legacy],
        creditProducts: creditProducts)

    static let pricing = Pricing(catalog: catalog)
}
