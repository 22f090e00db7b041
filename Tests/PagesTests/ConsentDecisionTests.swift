import Domain
import Testing

@testable import Pages

@Suite struct ConsentDecisionTests {
    @Test(arguments: [
        ([("choice", "accept_all")], ["statistics", "external_media"]),
        ([("choice", "reject_all"), ("purpose", "statistics")], []),
        ([("choice", "save"), ("purpose", "external_media"), ("purpose", "bogus")], ["external_media"]),
        ([("choice", "save")], []),
    ])
    func parsesTheBannerForm(fields: [(String, String)], purposes: [String]) throws {
        let decision = try #require(ConsentDecision(fields: fields, language: .de))
        #expect(decision.purposeIds.sorted() == purposes.sorted())
        #expect(decision.cookieValue.hasPrefix(ConsentDecision.version + ":"))
    }

    @Test func refusesAMissingOrUnknownChoice() {
        #expect(ConsentDecision(fields: [], language: .en) == nil)
        #expect(ConsentDecision(fields: [("choice", "close")], language: .en) == nil)
    }

    @Test func rejectingIsStoredAsNone() throws {
        let decision = try #require(ConsentDecision(fields: [("choice", "reject_all")], language: .en))
        #expect(decision.cookieValue == "\(ConsentDecision.version):none")
        #expect(decision.language == .en)
    }
}
