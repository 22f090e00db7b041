import Domain
import Postgres
import Storage
import TestSupport
import Testing

/// The portal's purchases page reads the company's credit packs in one narrow statement: the full records' packs in
/// their order, and up to `limit` packs however many order payments are newer.
@Suite struct CreditPackListingTests {
    @Test func thePacksAreTheRecordsWithAProductNewestFirst() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere GmbH")
        let store = PurchaseStore(connection: connection)
        let vat = try VATDecision.decide(buyerCountryCode: "DE", vatId: nil)
        var packs: [PurchaseRecord] = []
        for _ in 0..<3 { packs.append(try BillingFixtures.purchase(connection, companyID: company)) }
        _ = try BillingFixtures.purchase(connection, companyID: other)
        // Two order payments, newer than every pack.
        for _ in 0..<2 {
            let order = try connection.query(
                """
                INSERT INTO orders (company_id, package_id, currency, net_cents, vat_cents, amount_cents, vat_rate_bp,
                    vat_category, reverse_charge, buyer_country)
                VALUES (\(company)::uuid, 'starter', 'EUR', 49000, 9310, 58310, 1900, 'S', false, 'DE')
                RETURNING id::text AS id
                """)[0].string("id")
            _ = try store.create(
                NewPurchase(
                    companyID: CompanyID(company), userID: nil, provider: .mock, kind: .order, productID: nil,
                    orderID: order, credits: 0, net: .eur(49_000), vat: vat))
        }
        try connection.execute(
            """
            UPDATE purchases SET created_at = now() - make_interval(mins => (10 - position)::integer)
            FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS position FROM purchases
                  WHERE company_id = \(company)::uuid) AS o
            WHERE purchases.id = o.id
            """)
        try connection.execute("UPDATE purchases SET status = 'PAID', paid_at = now() WHERE id = \(packs[1].id)::uuid")
        let before = connection.statementsRun
        let listed = try store.creditPacks(companyID: CompanyID(company))
        #expect(connection.statementsRun - before == 1)
        let records = try store.purchases(companyID: CompanyID(company)).filter { $0.productID != nil }
        #expect(listed.count == 3 && records.count == 3)
        #expect(
            listed
                == records.map {
                    PurchaseStore.ListedPack(
                        id: $0.id, productID: $0.productID ?? "", credits: $0.credits, status: $0.status,
                        amountCents: $0.amountCents, currency: $0.currency, created: $0.created)
                })
        #expect(listed.map(\.id) == packs.reversed().map(\.id))
        #expect(listed[1].status == .paid)
        // Two newest entries are order payments: with a limit of 2 the page still shows two packs.
        #expect(try store.creditPacks(companyID: CompanyID(company), limit: 2).map(\.id) == [packs[2].id, packs[1].id])
        #expect(try store.creditPacks(companyID: CompanyID(other)).count == 1)
    }
}
