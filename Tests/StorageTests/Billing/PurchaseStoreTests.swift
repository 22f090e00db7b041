import Domain
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct PurchaseStoreTests {
    @Test func aPurchaseIsPricedNetPlusVatAndScopedToItsCompany() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection))
        let other = CompanyID(try BillingFixtures.company(connection, name: "Andere AG"))
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer.rawValue)
        #expect(purchase.status == .pending)
        #expect(purchase.netCents == 699)
        #expect(purchase.vatCents == 133)
        #expect(purchase.amountCents == 832)
        #expect(purchase.vatRateBasisPoints == 1900)
        #expect(!purchase.reverseCharge)

        let store = PurchaseStore(connection: connection)
        #expect(try store.purchase(id: purchase.id, companyID: buyer) == purchase)
        #expect(try store.purchase(id: purchase.id, companyID: other) == nil)
        #expect(try store.purchase(id: "not-a-uuid", companyID: buyer) == nil)
        #expect(try store.purchases(companyID: other).isEmpty)
        #expect(try store.purchases(companyID: buyer).map(\.id) == [purchase.id])
    }

    @Test func theDatabaseRefusesAChargeThatIsNotNetPlusVat() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection))
        #expect(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO purchases (company_id, provider, type, product_id, currency, net_cents, vat_rate_bp,
                    vat_cents, amount_cents, reverse_charge, vat_category, buyer_country)
                VALUES (\(buyer)::uuid, 'MOCK', 'CREDITS', 'credits_5', 'EUR', 699, 1900, 133, 699, false, 'S', 'DE')
                """)
        }
    }

    @Test func sessionsAttachOnceAndLockingFindsByEitherId() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection))
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer.rawValue)
        let store = PurchaseStore(connection: connection)
        try store.attachSession(purchaseID: purchase.id, sessionID: "cs_test_a")
        try store.attachSession(purchaseID: purchase.id, sessionID: "cs_test_b")  // refused: stays cs_test_a
        #expect(try store.purchase(id: purchase.id, companyID: buyer)?.sessionID == "cs_test_a")
        try connection.transaction { connection throws -> Void in
            let store = PurchaseStore(connection: connection)
            #expect(try store.lockForUpdate(id: purchase.id, sessionID: nil)?.id == purchase.id)
            #expect(try store.lockForUpdate(id: nil, sessionID: "cs_test_a")?.id == purchase.id)
            // A session id that belongs to another purchase is no evidence about this one.
            #expect(try store.lockForUpdate(id: purchase.id, sessionID: "cs_test_other") == nil)
            #expect(try store.lockForUpdate(id: nil, sessionID: "cs_test_unknown") == nil)
        }
        try store.setStatus(.paid, purchaseID: purchase.id)
        let paid = try #require(try store.purchase(id: purchase.id, companyID: buyer))
        #expect(paid.status == .paid)
        #expect(paid.paidAt != nil)
    }
}

@Suite struct PurchasePaymentIntentTests {
    @Test func aPaymentIntentIsRecordedOnceAndADuplicateIsIgnored() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection))
        let first = try BillingFixtures.purchase(connection, companyID: buyer.rawValue)
        let second = try BillingFixtures.purchase(connection, companyID: buyer.rawValue)
        let store = PurchaseStore(connection: connection)
        try store.recordPaymentIntent(purchaseID: first.id, paymentIntent: "pi_test_1")
        try store.recordPaymentIntent(purchaseID: second.id, paymentIntent: "pi_test_1")  // ignored, no error
        try connection.transaction { connection throws -> Void in
            #expect(try PurchaseStore(connection: connection).lockForUpdate(paymentIntent: "pi_test_1")?.id == first.id)
        }
    }

    @Test func typesAreDecodedAtTheStoreBoundaryAndAnUnknownStoredValueIsACorruptRow() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = CompanyID(try BillingFixtures.company(connection))
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer.rawValue)
        #expect(purchase.companyID == buyer && purchase.provider == .mock && purchase.currency == .eur)
        // The schema allows any three capitals; the shop only knows the euro: such a row is corrupt, not a string.
        let id = try connection.query(
            """
            INSERT INTO purchases (company_id, provider, type, product_id, currency, net_cents, vat_rate_bp,
                vat_cents, amount_cents, reverse_charge, vat_category, buyer_country)
            VALUES (\(buyer)::uuid, 'MOCK', 'CREDITS', 'credits_5', 'USD', 699, 1900, 133, 832, false, 'S', 'DE')
            RETURNING id::text AS id
            """)[0].string("id")
        let error = #expect(throws: StorageError.self) {
            try PurchaseStore(connection: connection).purchase(id: id, companyID: buyer)
        }
        #expect(error?.code == .invalidStoredValue)
    }
}
