import Domain
import Foundation
import Testing

@testable import Pages

/// The client portal's pages with data: forms post to `/{lang}/…`, tables show the rows, the receipt is complete.
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

    @Test func purchasesLinkPaidOnesToTheirReceipt() {
        let html = render(.purchases, .en)
        #expect(html.contains("<a href=\"/en/account/purchases/pur_1\">Receipt"))
        #expect(html.contains("€8.32") && html.contains("<td>paid</td>"))
        let empty = F.site.render(page: .purchases, language: .en, context: PageContext(portal: PortalView()))
        #expect(empty.contains("You have not bought anything yet."))
    }

    @Test(arguments: Language.allCases) func receiptShowsSellerBuyerAndVAT(language: Language) {
        let html = render(.receipt, language)
        #expect(html.contains("CZ-2026-0001") && html.contains("Beispiel GmbH") && html.contains("Musterweg 1"))
        #expect(html.contains(Company.codeZero.vatId) && html.contains(F.escape(Company.codeZero.legalName)))
        #expect(html.contains(language == .de ? "6,99\u{a0}€" : "€6.99"))
        #expect(html.contains(language == .de ? "1,33\u{a0}€" : "€1.33"), "19 % of 6.99 is 1.33")
        #expect(html.contains(language == .de ? "8,32\u{a0}€" : "€8.32"))
        #expect(html.contains(language == .de ? "5 Credits" : "5 credits"))
    }

    @Test func reverseChargeReceiptCarriesTheNoteAndBothVATIds() throws {
        let vat = try VATDecision.decide(buyerCountryCode: "AT", vatId: "ATU13585627")
        let receipt = Receipt(
            number: "CZ-2", purchaseId: "p2", issuedAt: Date(timeIntervalSince1970: 0), buyerName: "Wien GmbH",
            buyerAddress: [], quote: CreditPackQuote(product: F.catalog.creditProducts[0], vat: vat))
        let html = F.site.render(
            page: .receipt, language: .de, context: PageContext(portal: PortalView(receipt: receipt), pathId: "p2"))
        #expect(html.contains("Steuerschuldnerschaft des Leistungsempfängers"))
        #expect(html.contains("ATU13585627") && html.contains("DE136695976"))
        #expect(html.contains("01.01.1970"))
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
