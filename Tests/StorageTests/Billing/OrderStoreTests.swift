import Domain
import Storage
import TestSupport
import Testing

@Suite struct OrderStoreTests {
    static let catalog = try! Catalog(
        packages: [
            BasePackage(
                id: "starter", name: LocalizedText(de: "Start", en: "Starter"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(49_000), interval: .oneTime)
        ],
        addons: [
            Addon(
                id: "support", name: LocalizedText(de: "Support", en: "Support"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(9_900), interval: .monthly, maxQuantity: 3)
        ])

    @Test func anOrderKeepsItsLinesAndVatDecisionAndIsScoped() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection, country: "AT"))
        let other = CompanyID(try BillingFixtures.company(connection, name: "Andere AG"))
        let quote = try Pricing(catalog: Self.catalog).quote(
            package: "starter", addons: [AddonSelection(id: "support", quantity: 2)], countryCode: "AT",
            vatId: "ATU13585627")
        let store = OrderStore(connection: connection)
        let order = try store.create(companyID: buyer, userID: nil, quote: quote)
        #expect(order.status == .pending)
        #expect(order.currency == .eur && order.companyID == buyer)
        #expect(order.lines.map(\.kind) == [.package, .addon])
        #expect(order.lines.map(\.itemID) == ["starter", "support"])
        #expect(order.lines[1].lineNetCents == 19_800)
        #expect(order.netCents == quote.netCents)
        #expect(order.vatCents == 0)
        #expect(order.reverseCharge)
        #expect(order.legalNoteDE?.contains("Steuerschuldnerschaft") == true)
        #expect(try store.order(id: order.id, companyID: other) == nil)
        #expect(try store.orders(companyID: other).isEmpty)
        #expect(try store.orders(companyID: buyer).map(\.id) == [order.id])
        #expect(try store.markPaid(id: order.id))
        #expect(try !store.markPaid(id: order.id))
    }
}
