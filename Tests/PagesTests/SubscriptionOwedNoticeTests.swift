import Domain
import Foundation
import Testing

@testable import Pages

/// A PAST_DUE or SUSPENDED subscription on the portal (issue #11): what is owed, the next automatic attempt and a
/// button to pay now with a new payment method (a CSRF-protected form to the page itself), in German and English;
/// nothing of it for a subscription that owes nothing.
@Suite struct SubscriptionOwedNoticeTests {
    typealias F = PagesFixtures

    func render(_ language: Language, adjust: (inout SubscriptionPanel) -> Void = { _ in }) -> String {
        var context = F.context(for: .subscriptions)
        if var portal = context.portal, var panel = portal.subscriptions.first {
            adjust(&panel)
            portal.subscriptions = [panel]
            context.portal = portal
        }
        return F.site.render(page: .subscriptions, language: language, context: context)
    }

    @Test(arguments: [
        (Language.de, "Die Zahlung ist fehlgeschlagen. Offen: <strong>120,50", "jetzt bezahlen"),
        (Language.en, "The payment failed. Open: <strong>€120.50</strong>", "pay now"),
    ])
    func aPastDueSubscriptionShowsWhatIsOwedAndTheButton(language: Language, owed: String, button: String) {
        let html = render(language)
        #expect(html.contains(owed), "\(language)")
        #expect(html.contains("<form method=\"post\" action=\"\(Page.subscriptions.path(in: language))\""))
        #expect(html.contains("name=\"csrf_token\" value=\"csrf-test\""))
        #expect(html.contains("name=\"subscription_id\" value=\"5b0f2c1e-0000-4000-8000-000000000001\""))
        #expect(html.contains(button))
        #expect(
            html.contains("<time datetime=\"")
                && html.contains(language == .de ? "Nächster automatischer" : "Next automatic"))
    }

    @Test(arguments: Language.allCases) func aSuspendedOneHasNoNextAttemptButTheButton(language: Language) {
        let html = render(language) {
            $0.status = "suspended"
            $0.nextRetry = nil
        }
        #expect(html.contains("name=\"subscription_id\""))
        #expect(!html.contains(language == .de ? "Nächster automatischer" : "Next automatic"))
    }

    @Test(arguments: Language.allCases) func anActiveOrEndedOneOwesNothingOnThePage(language: Language) {
        for status in ["active", "canceled"] {
            let html = render(language) {
                $0.status = status
                if status == "active" { $0.owed = nil }
            }
            #expect(!html.contains("name=\"subscription_id\""), "\(status)")
        }
    }
}
