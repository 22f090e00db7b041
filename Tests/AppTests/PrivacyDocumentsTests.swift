import Domain
import Foundation
import Testing

@testable import App

/// `docs/privacy/`: the Art. 30 record is generated from the retention table, the DPIA covers every data class.
@Suite struct PrivacyDocumentsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theRecordOfProcessingIsTheRetentionTable() throws {
        let generated = ProcessingRecord.markdown()
        let committed = try String(
            contentsOf: Self.root.appendingPathComponent("docs/privacy/records-of-processing.md"), encoding: .utf8)
        if committed != generated {
            let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("records-of-processing.md")
            try generated.write(to: fresh, atomically: true, encoding: .utf8)
            Issue.record("docs/privacy/records-of-processing.md is stale; the generated text is in \(fresh.path)")
        }
        for rule in RetentionSchedule.rules {
            #expect(generated.contains("| \(rule.name.en) | \(rule.purpose.en) |"))
        }
        #expect(generated.contains("Stripe") && generated.contains("mail relay") && generated.contains("USA"))
    }

    @Test func theImpactAssessmentNamesEveryDataClassAndRecipient() throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent("docs/privacy/dpia.md"), encoding: .utf8)
        for rule in RetentionSchedule.rules {
            #expect(text.contains("`\(rule.dataClass.rawValue)`"), "the DPIA does not cover \(rule.dataClass.rawValue)")
        }
        for recipient in ["Stripe", "mail relay", "hosting"] { #expect(text.contains(recipient)) }
    }
}
