import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Routes that read PostgreSQL, against a migrated throwaway database.
@Suite struct DatabaseRoutesTests {
    @Test func billingProductsComeFromTheDatabase() throws {
        let database = try TestDatabase.makeMigrated()
        let application = try TestApplication.make(connectionString: database.connectionString)
        let outcome = application.respond(
            parameters: TestApplication.parameters("GET", "/api/v1/billing/products"), body: [], bodyTooLarge: false)
        #expect(outcome.response.status == .ok)
        let products = try #require(try TestApplication.json(outcome.response)["products"]?.arrayValue)
        let pairs = products.compactMap { product -> String? in
            guard let id = product["id"]?.stringValue, let cents = product["net_cents"]?.intValue else { return nil }
            return "\(id)=\(cents)"
        }
        #expect(pairs == ["credits_1=149", "credits_5=699", "credits_10=1299", "iza_pass=299"])
        #expect(outcome.databaseNanoseconds > 0)

        // A product switched off disappears as soon as the change notification arrives (well under a second).
        try database.connect().execute("UPDATE billing_products SET active = false WHERE id = 'iza_pass'")
        var count: Int?
        for _ in 0..<50 {
            let again = application.respond(
                parameters: TestApplication.parameters("GET", "/api/v1/billing/products"), body: [], bodyTooLarge: false
            )
            count = try TestApplication.json(again.response)["products"]?.arrayValue?.count
            if count == 3 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(count == 3)
    }

    @Test func readyzIs200WhenTheDatabaseAnswers() throws {
        let database = try TestDatabase.make()
        let application = try TestApplication.make(connectionString: database.connectionString)
        let outcome = application.respond(
            parameters: TestApplication.parameters("GET", "/readyz"), body: [], bodyTooLarge: false)
        #expect(outcome.response.status == .ok)
    }
}
