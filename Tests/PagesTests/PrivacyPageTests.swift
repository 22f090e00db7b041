import Domain
import Foundation
import Testing

@testable import Pages

/// The privacy page says exactly what the retention table (and so the retention job) does.
@Suite struct PrivacyPageTests {
    typealias F = PagesFixtures

    func render(_ language: Language) -> String {
        F.site.render(page: .privacy, language: language, context: F.context(for: .privacy))
    }

    /// Every row of the table appears, with its period, basis and end in the page's language.
    @Test(arguments: Language.allCases) func theRetentionSectionIsTheTable(language: Language) {
        let html = render(language)
        #expect(!html.contains("[[period:"), "an unresolved period marker")
        for rule in RetentionSchedule.rules {
            let row =
                "<tr id=\"retention-\(rule.dataClass.rawValue)\"><th scope=\"row\">\(F.escape(rule.name.text(in: language)))</th>"
                + "<td>\(F.escape(rule.purpose.text(in: language)))</td>"
                + "<td>\(F.escape(RetentionText.basis(rule.basis, in: language)))</td>"
                + "<td>\(F.escape(RetentionText.period(rule, in: language)))</td>"
                + "<td>\(F.escape(RetentionText.end(rule.end, in: language)))</td></tr>"
            #expect(html.contains(row), "row of \(rule.dataClass.rawValue)")
        }
    }

    /// No privacy text names a period by itself: each period it promises comes from the table through a marker
    /// (so changing the table changes the text, and a text cannot promise a period the job does not keep).
    @Test(arguments: Language.allCases) func everyPromisedPeriodComesFromTheTable(language: Language) throws {
        let duration = try Regex(
            #"(?i)\b(\d+|ein|eine|einem|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|one|two|three|four|five|six|seven|eight|nine|ten)\s+(tag|tage|tagen|woche|wochen|monat|monate|monaten|jahr|jahre|jahren|day|days|week|weeks|month|months|year|years)\b"#
        )
        for (key, text) in Strings.table(for: language) where key.hasPrefix("privacy_") {
            #expect(text.firstMatch(of: duration) == nil, "\(key) names a period without the table: \(text)")
        }
        let resolved = RetentionText.resolving(Strings.table(for: language), in: language)
        let cited: [(String, DataClass)] = [
            ("privacy_s1_text", .serverLogs), ("privacy_s2_text", .consentRecords),
            ("privacy_s3_text", .contactRequests), ("privacy_s4_text", .invoices), ("privacy_s4_text", .account),
            ("privacy_s5_text", .webhookPayloads),
        ]
        for (key, dataClass) in cited {
            let period = RetentionText.period(RetentionSchedule.rule(for: dataClass), in: language)
            #expect(resolved[key]?.contains(period) == true, "\(key) cites the period of \(dataClass.rawValue)")
        }
    }

    @Test func periodsReadNaturally() {
        #expect(RetentionText.period(RetentionSchedule.rule(for: .serverLogs), in: .de) == "14 Tage")
        #expect(RetentionText.period(RetentionSchedule.rule(for: .serverLogs), in: .en) == "14 days")
        #expect(
            RetentionText.period(RetentionSchedule.rule(for: .consentRecords), in: .de) == "3 Jahre nach ihrem Ende")
        #expect(
            RetentionText.period(RetentionSchedule.rule(for: .invoices), in: .en)
                == "8 years from the end of the calendar year")
        #expect(RetentionText.period(RetentionSchedule.rule(for: .sessions), in: .en) == "until it ends")
        #expect(
            RetentionText.basis(RetentionSchedule.rule(for: .invoices).basis, in: .de)
                == "Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO, § 14b UStG, § 257 HGB")
    }
}
