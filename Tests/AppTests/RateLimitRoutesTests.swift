import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Issue #17: API writes are limited per account, checkout sessions per company — exactly, in PostgreSQL —
/// and answered 429 problem+json with `Retry-After`.
@Suite struct RateLimitRoutesTests {
    /// Fills the budget of `key` in this window and the next (so a window change during the test changes nothing).
    static func spend(_ database: TestDatabase, key: String, count: Int, window: Int) throws {
        let now = Int(Date().timeIntervalSince1970)
        let start = now - now % window
        for windowStart in [start, start + window] {
            try database.connect().execute(
                """
                INSERT INTO rate_limit_counts (key, window_start, count) VALUES (\(key), \(windowStart), \(count))
                """)
        }
    }

    @Test func theAccountsWriteBudgetIsExactAndAnswered429WithRetryAfter() throws {
        let (database, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        #expect(client.register(email: "anna@example.com").status == .created)
        let me = client.send("GET", "/api/v1/me")
        let user = try #require(me.json["user"]?["id"]?.stringValue)
        try Self.spend(database, key: "write:user:\(user)", count: 299, window: 60)

        // Counted once per request, although the route table's access check and the handler both ask for the caller.
        let last = client.send("POST", "/api/v1/auth/tokens", json: ["name": "the 300th write"])
        #expect(last.status == .created)
        let over = client.send("POST", "/api/v1/auth/tokens", json: ["name": "one too many"])
        #expect(over.status == .tooManyRequests)
        #expect(over.headers["Content-Type"] == "application/problem+json")
        let retry = try #require(over.headers["Retry-After"].flatMap { Int($0) })
        #expect((1...60).contains(retry))
        let tokens = try database.connect().query("SELECT count(*)::bigint AS n FROM api_tokens")[0].int("n")
        #expect(tokens == 1)
        // Reads are not counted.
        #expect(client.send("GET", "/api/v1/me").status == .ok)
        // Another account has its own budget.
        let other = TestClient(application)
        #expect(other.register(email: "bert@example.com").status == .created)
        #expect(other.send("POST", "/api/v1/auth/tokens", json: ["name": "mine"]).status == .created)
    }

    @Test func checkoutSessionsPerCompanyAreBounded() throws {
        let (database, application) = try AuthRoutesTests.application()
        let buyer = TestClient(application)
        let registered = buyer.register(email: "anna@example.com")
        let companyID = try #require(registered.json["company"]?["id"]?.stringValue)
        // Buying needs a confirmed address (the mailed link; set directly here).
        try database.connect().execute("UPDATE users SET email_verified_at = now()")
        try Self.spend(database, key: "checkout:company:\(companyID)", count: 19, window: 600)
        let twentieth = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"])
        #expect(twentieth.status == .created)
        let over = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"])
        #expect(over.status == .tooManyRequests)
        #expect(over.headers["Retry-After"] != nil)
        let purchases = try database.connect().query("SELECT count(*)::bigint AS n FROM purchases")[0].int("n")
        #expect(purchases == 1)
    }
}
