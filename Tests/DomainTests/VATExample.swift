import Testing

@testable import Domain

/// One VAT ID and what the reference (VIES format + python-stdnum) says about it.
struct VATExample: Sendable, CustomTestStringConvertible {
    /// The reference verdict.
    enum Verdict: Sendable {
        case valid, checksum, format
    }

    let id: String
    let verdict: Verdict
    let note: String

    init(_ id: String, _ verdict: Verdict, _ note: String = "") {
        self.id = id
        self.verdict = verdict
        self.note = note
    }

    var testDescription: String { note.isEmpty ? "\(id) \(verdict)" : "\(id) \(verdict) (\(note))" }

    /// Every example, for all 27 member states.
    static let all: [VATExample] = austriaToFrance + croatiaToSlovakia

    /// The member state the example's prefix names.
    var memberState: Country? { Country.memberState(vatPrefix: String(id.prefix(2))) }
}
