import Domain
import Foundation
import Testing

@testable import Pages

/// The team page and the invitation page (issue #14 item 4): the owner sees the invite form, the pending invitations
/// and a remove button for members (never for the owner); a member sees the list read-only; the invitation page
/// names the company and the inviter while the invitation is pending, and only the reason once it is not.
@Suite struct TeamPageTests {
    typealias F = PagesFixtures

    static func team(_ owner: Bool) -> PortalTeam {
        PortalTeam(
            members: [
                .init(
                    userID: "u-owner", email: "anna@example.com", role: "client", isOwner: true,
                    joinedAt: Date(timeIntervalSince1970: 1_780_000_000)),
                .init(
                    userID: "u-bert", email: "bert@example.com", role: "client", isOwner: false,
                    joinedAt: Date(timeIntervalSince1970: 1_780_086_400)),
            ],
            pending: [
                .init(id: "inv-1", email: "carl@example.com", expiresAt: Date(timeIntervalSince1970: 1_780_604_800))
            ],
            isOwner: owner)
    }

    func render(owner: Bool, _ language: Language) -> String {
        var portal = PortalView()
        portal.team = Self.team(owner)
        return F.site.render(
            page: .team, language: language, context: PageContext(csrfToken: "csrf-test", portal: portal))
    }

    @Test(arguments: Language.allCases) func theOwnerManagesTheTeam(language: Language) {
        let html = render(owner: true, language)
        #expect(html.contains("<form method=\"post\" action=\"\(Page.team.path(in: language))\""))
        #expect(
            html.contains("name=\"remove\" value=\"u-bert\"") && !html.contains("name=\"remove\" value=\"u-owner\""))
        #expect(html.contains("name=\"revoke\" value=\"inv-1\"") && html.contains("carl@example.com"))
        #expect(html.contains("name=\"email\"") && html.contains("name=\"csrf_token\" value=\"csrf-test\""))
        #expect(html.contains(language == .de ? "Inhaber" : "Owner"))
        #expect(html.contains("href=\"\(Page.team.path(in: language))\""), "the portal navigation links the team")
    }

    @Test(arguments: Language.allCases) func aMemberSeesTheListReadOnly(language: Language) {
        let html = render(owner: false, language)
        #expect(html.contains("anna@example.com") && html.contains("bert@example.com"))
        #expect(!html.contains("name=\"remove\"") && !html.contains("name=\"revoke\""))
        #expect(!html.contains("name=\"email\"") && !html.contains("carl@example.com"))
    }

    @Test(arguments: Language.allCases) func theInvitationPageNamesTheCompanyOrTheReason(language: Language) {
        let pending = F.site.render(
            page: .invitation, language: language,
            context: PageContext(
                csrfToken: "csrf-test",
                form: FormState(values: [
                    "token": "tok", "pending": "1", "company": "Müller & Söhne", "inviter": "anna@example.com",
                    "email": "bert@example.com",
                ])))
        #expect(pending.contains("Müller &amp; Söhne") && pending.contains("anna@example.com"))
        #expect(pending.contains("name=\"token\" value=\"tok\"") && pending.contains("name=\"password\""))
        let expired = F.site.render(
            page: .invitation, language: language,
            context: PageContext(
                csrfToken: "csrf-test", form: FormState(values: ["token": "tok"], formError: "error_invitation_expired")
            ))
        #expect(!expired.contains("name=\"password\""))
        #expect(expired.contains(language == .de ? "Diese Einladung ist abgelaufen" : "This invitation has expired"))
    }
}
