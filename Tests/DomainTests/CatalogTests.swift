import Testing

@testable import Domain

@Suite struct CatalogTests {
    typealias F = CatalogFixtures

    @Test func looksUpItemsByIdActiveOrNot() {
        #expect(F.catalog.package(id: "starter") == F.starter)
        #expect(F.catalog.package(id: "retired")?.isActive == false)
        #expect(F.catalog.package(id: "extra_user") == nil)
        #expect(F.catalog.addon(id: "extra_user") == F.extraUser)
        #expect(F.catalog.addon(id: "starter") == nil)
        #expect(F.catalog.creditProduct(id: "credits_5")?.credits == 5)
        #expect(F.catalog.creditProduct(id: "nope") == nil)
        #expect(F.catalog.packages.map(\.id) == ["starter", "setup", "probe", "retired"])
    }

    @Test func emptyCatalogIsValid() throws {
        let empty = try Catalog()
        #expect(empty.packages.isEmpty && empty.addons.isEmpty && empty.creditProducts.isEmpty)
    }

    @Test func idsAreUniqueAcrossAllKinds() {
        let clash = CreditProduct(id: "starter", credits: 1, net: .eur(1))
        #expect(throws: DomainError.invalidCatalog("id 'starter' is used twice")) {
            try Catalog(packages: [F.starter], creditProducts: [clash])
        }
        #expect(throws: DomainError.invalidCatalog("id 'extra_user' is used twice")) {
            try Catalog(addons: [F.extraUser, F.extraUser])
        }
    }

    @Test func emptyIdIsRefused() {
        let blank = CreditProduct(id: "", credits: 1, net: .eur(1))
        #expect(throws: DomainError.invalidCatalog("an item has an empty id")) { try Catalog(creditProducts: [blank]) }
    }

    @Test func negativePricesAreRefused() {
        let negative = BasePackage(
            id: "minus", name: F.text("Minus"), description: F.text("Minus"), net: .eur(-1), interval: .oneTime)
        #expect(throws: DomainError.invalidCatalog("'minus' has a negative price")) {
            try Catalog(packages: [negative])
        }
    }

    @Test func addonMustAllowOneUnitAndPackMustGrantOneCredit() {
        let none = Addon(
            id: "none", name: F.text("None"), description: F.text("None"), net: .eur(1), interval: .monthly,
            maxQuantity: 0)
        #expect(throws: DomainError.invalidCatalog("add-on 'none' allows no unit")) { try Catalog(addons: [none]) }
        let empty = CreditProduct(id: "credits_0", credits: 0, net: .eur(1))
        #expect(throws: DomainError.invalidCatalog("credit product 'credits_0' grants no credit")) {
            try Catalog(creditProducts: [empty])
        }
    }

    @Test func localizedTextPicksTheLanguage() {
        let text = LocalizedText(de: "Basispaket", en: "Base package")
        #expect(text.text(in: .de) == "Basispaket")
        #expect(text.text(in: .en) == "Base package")
        #expect(text.description == "Basispaket")
        #expect(BillingInterval.oneTime.rawValue == "one_time")
        #expect(BillingInterval.monthly.rawValue == "monthly")
    }
}
