import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Every portal page shows the signed-in company and its credits; they are read in the session's look-up statement
/// (issue #16: the account page took three statements — session, company, balance — and now takes one).
@Suite struct PortalAccountReadTests {
    static func html(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    static func credit(_ harness: BillingHarness, _ client: TestClient, _ delta: Int) throws {
        let company = try #require(client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        try harness.database.connect().transaction { db in
            _ = try CreditLedger(connection: db).adjust(companyID: company, delta: delta, note: "test")
        }
    }

    @Test func theAccountPageIsOneStatementWithTheCompanyAndItsCurrentCredits() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let bob = harness.buyer("bob@example.com")
        try Self.credit(harness, anna, 742)
        try Self.credit(harness, bob, 313)
        let database = harness.application.services.database
        for path in ["/de/konto", "/en/account"] {
            let before = database.statementsRun
            let page = anna.send("GET", path)
            #expect(database.statementsRun - before == 1, "\(path): the session, company and credits in one statement")
            #expect(page.status == .ok)
            #expect(Self.html(page).contains("Firma anna@example.com"))
            #expect(Self.html(page).contains("<strong>742</strong>"))
            #expect(!Self.html(page).contains("Firma bob@example.com"))
        }
        #expect(Self.html(bob.send("GET", "/en/account")).contains("<strong>313</strong>"))
        // Read per request: a change shows on the next page.
        try Self.credit(harness, anna, -42)
        #expect(Self.html(anna.send("GET", "/en/account")).contains("<strong>700</strong>"))
    }

    /// The invoices page: the session's statement and the list's (``InvoiceStore/listing(companyID:limit:)``, which
    /// also says whose documents are stored), not a third for the documents.
    @Test func theInvoicesPageIsTheSessionAndOneListing() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let database = harness.application.services.database
        for path in ["/de/portal/rechnungen", "/en/portal/invoices"] {
            let before = database.statementsRun
            let page = anna.send("GET", path)
            #expect(page.status == .ok)
            #expect(database.statementsRun - before == 2, "\(path)")
        }
    }

    /// The team page: the session, the members (whose rows say whether the caller owns the company) and, for an
    /// owner, the pending invitations; the referrals page: the session and the overview's two statements; the orders
    /// page: the session and the orders with their fulfilment's status (the worker's catalog, which names the
    /// packages, is read once before, as in a running worker).
    @Test func theTeamReferralAndOrderPagesReadNoMoreThanTheyShow() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let database = harness.application.services.database
        _ = try harness.application.services.catalog.current()
        for (path, statements) in [("/de/konto/team", 3), ("/en/account/referrals", 3), ("/de/konto/bestellungen", 2)] {
            let before = database.statementsRun
            let page = anna.send("GET", path)
            #expect(page.status == .ok)
            #expect(database.statementsRun - before == statements, "\(path)")
        }
        // The owner's forms are there: the invitation form shows for the owner only.
        #expect(Self.html(anna.send("GET", "/de/konto/team")).contains("name=\"email\""))
    }

    @Test func everySignedInPageHasTheRead() throws {
        let harness = try BillingHarness()
        let routes = harness.application.routes.routes
        let pages = routes.filter { $0.access == .signedInPage }
        #expect(pages.count >= 20)
        #expect(pages.allSatisfy { $0.sessionRead != nil })
        #expect(routes.filter { $0.access != .signedInPage }.allSatisfy { $0.sessionRead == nil })
    }

    @Test func theBillingProfileAndSubscriptionsPagesShowTheCompanyFromTheSameRead() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let database = harness.application.services.database
        let before = database.statementsRun
        let profile = anna.send("GET", "/de/konto/rechnungsdaten")
        #expect(profile.status == .ok)
        #expect(Self.html(profile).contains("value=\"Firma anna@example.com\""))
        #expect(database.statementsRun - before == 1, "the form's company is the header's")
        let subscriptions = anna.send("GET", "/en/account/subscriptions")
        #expect(subscriptions.status == .ok)
        // A signed-out visitor is sent to the sign-in page and nothing is read for them.
        let stranger = TestClient(harness.application)
        #expect(stranger.send("GET", "/de/konto").status == .seeOther)
    }
}
