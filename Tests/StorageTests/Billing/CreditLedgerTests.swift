import Postgres
import Storage
import TestSupport
import Testing

@Suite struct CreditLedgerTests {
    @Test func aPurchaseGrantsOnceAndTheBalanceIsTheSum() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer)
        let ledger = CreditLedger(connection: connection)
        #expect(try ledger.balance(companyID: buyer) == 0)
        #expect(try ledger.grant(purchaseID: purchase.id, companyID: buyer, credits: 5))
        #expect(try !ledger.grant(purchaseID: purchase.id, companyID: buyer, credits: 5))
        #expect(try ledger.balance(companyID: buyer) == 5)
        #expect(try ledger.revoke(purchaseID: purchase.id, companyID: buyer))
        #expect(try !ledger.revoke(purchaseID: purchase.id, companyID: buyer))
        #expect(try ledger.balance(companyID: buyer) == 0)
    }

    @Test func concurrentGrantsOfOnePurchaseGrantOnce() throws {
        let database = try TestDatabase.makeMigrated()
        let setup = database.connect()
        let buyer = try BillingFixtures.company(setup)
        let purchase = try BillingFixtures.purchase(setup, companyID: buyer)
        let results = TestThreads.run(count: 8) { _ in
            let connection = database.connect()
            defer { connection.close() }
            return try connection.transaction {
                try CreditLedger(connection: $0).grant(purchaseID: purchase.id, companyID: buyer, credits: 5)
            }
        }
        let granted = try results.map { try $0.get() }
        #expect(granted.filter { $0 }.count == 1)
        #expect(try CreditLedger(connection: setup).balance(companyID: buyer) == 5)
        #expect(try CreditLedger(connection: setup).grants(purchaseID: purchase.id) == 1)
    }

    @Test func theLedgerIsAppendOnlyAndTheConstraintHoldsWithoutTheCode() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer)
        try CreditLedger(connection: connection).grant(purchaseID: purchase.id, companyID: buyer, credits: 5)
        #expect(throws: PostgresError.self) { try connection.execute("UPDATE credit_ledger SET delta = 500") }
        #expect(throws: PostgresError.self) { try connection.execute("DELETE FROM credit_ledger") }
        let duplicate = #expect(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO credit_ledger (company_id, delta, reason, purchase_id)
                VALUES (\(buyer)::uuid, 5, 'purchase', \(purchase.id)::uuid)
                """)
        }
        #expect(duplicate?.isUniqueViolation == true)
    }
}
