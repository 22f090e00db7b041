import Domain
import Foundation
import Testing

@testable import Pages

/// The client portal's pages with data: forms post to `/{lang}/…`, tables show the rows, purchases lead to invoices.
@Suite struct PortalPagesTests {
    typealias F = PagesFixtures

    func render(_ page: Page, _ language: Language) -> String {
        F.site.render(page: page, language: language, context: F.context(for: page))
    }

    @Test(arguments: Language.allCases) func formsPostToTheirOwnLocalizedPath(language: Language) {
        for page in [Page.login, .register, .apiTokens, .credits] {
            let html = render(page, language)
            #expect(html.contains("<form method=\"post\" action=\"\(page.path(in: language))\""), "\(page)")
            #expect(html.contains("name=\"csrf_token\" value=\"csrf-test\""), "\(page)")
        }
        let account = render(.account, language)
        #expect(account.contains("action=\"/\(language.rawValue)/logout\""))
        let configurator = render(.configurator, language)
        #expect(configurator.contains("action=\"\(Page.orders.path(in: language))\""))
    }

    @Test func accountShowsCompanyAndBalance() {
        let html = render(.account, .de)
        #expect(html.contains("<dd>Beispiel GmbH</dd>") && html.contains("<dd><strong>12</strong></dd>"))
        #expect(html.contains("<dd>Inhaber</dd>") && html.contains("<dd>DE136695976</dd>"))
    }

    @Test func purchasesLinkPaidOnesToTheirInvoice() {
        let html = render(.purchases, .en)
        #expect(html.contains("<th scope=\"col\">Invoice</th>"))
        #expect(html.contains("<a href=\"/en/account/purchases/pur_1\">Invoice"))
        #expect(!html.lowercased().contains("receipt"), "no page promises a receipt beside the invoice")
        #expect(!render(.purchases, .de).contains("Beleg"))
        #expect(html.contains("€8.32") && html.contains("<td>paid</td>"))
        let empty = F.site.render(page: .purchases, language: .en, context: PageContext(portal: PortalView()))
        #expect(empty.contains("You have not bought anything yet."))
    }

    @Test(arguments: Language.allCases) func invoiceRowsCarryTheAnchorAPurchaseLeadsTo(language: Language) {
        let invoices = PortalInvoices(rows: [
            PortalInvoices.Row(
                id: "inv_1", number: "CZ-2026-000001", isCorrection: false, corrects: nil, issueDate: "2026-12-01",
                status: "paid", gross: .eur(832), documentsReady: true)
        ])
        var portal = PortalView()
        portal.invoices = invoices
        let html = F.site.render(
            page: .invoices, language: language, context: PageContext(signedIn: true, portal: portal))
        #expect(PortalInvoices.anchor("CZ-2026-000001") == "invoice-CZ-2026-000001")
        #expect(html.contains("<tr id=\"invoice-CZ-2026-000001\">"))
        #expect(
            html.contains("href=\"/api/v1/invoices/inv_1/pdf\"") && html.contains("href=\"/api/v1/invoices/inv_1/xml\"")
        )
        #expect(html.contains(language == .de ? "8,32\u{a0}€" : "€8.32"))
    }

    @Test(arguments: Language.allCases) func aReducedOpenInvoiceShowsWhatIsStillOwed(language: Language) {
        var portal = PortalView()
        portal.invoices = PortalInvoices(rows: [
            PortalInvoices.Row(
                id: "inv_2", number: "CZ-2026-000002", isCorrection: false, corrects: nil, issueDate: "2026-12-01",
                status: "open", gross: .eur(58_310), open: .eur(12_050), documentsReady: true),
            PortalInvoices.Row(
                id: "inv_3", number: "CZ-K-2026-000001", isCorrection: true, corrects: "CZ-2026-000002",
                issueDate: "2026-12-02", status: "settled", gross: .eur(-46_260), documentsReady: true),
        ])
        let html = F.site.render(
            page: .invoices, language: language, context: PageContext(signedIn: true, portal: portal))
        #expect(html.contains(language == .de ? "Offener Betrag" : "Amount due"))
        let amounts = language == .de ? ("583,10\u{a0}€", "120,50\u{a0}€") : ("€583.10", "€120.50")
        #expect(html.contains("<td class=\"num\">\(amounts.0)</td><td class=\"num\">\(amounts.1)</td>"), "\(html)")
        // The settled correction owes nothing: its amount-due cell stays empty.
        #expect(html.contains("</td><td class=\"num\"></td>"))
    }

    @Test func newTokenIsShownOnceAndRevokeNamesTheToken() {
        let portal = PortalView(
            tokens: [PortalView.Token(id: "tok_9", name: "Buchhaltung", createdAt: Date(timeIntervalSince1970: 0))],
            newTokenSecret: "cz_secret_123")
        let html = F.site.render(page: .apiTokens, language: .de, context: PageContext(portal: portal))
        #expect(html.contains("<code class=\"token\">cz_secret_123</code>"))
        #expect(html.contains("name=\"revoke\" value=\"tok_9\""))
        #expect(html.contains("<td>nie</td>"))
        let none = F.site.render(page: .apiTokens, language: .de, context: PageContext(portal: PortalView()))
        #expect(none.contains("Sie haben noch keine Tokens.") && !none.contains("<table"))
    }

    @Test func ordersListTheirPaymentsAndPortalPagesAreNotIndexed() {
        let html = render(.orders, .de)
        #expect(html.contains("<th scope=\"row\">ord_1</th>") && html.contains("583,10\u{a0}€"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(Page.allCases.filter(\.isPortal).allSatisfy { !$0.isIndexable && !$0.isCacheable })
    }
}
