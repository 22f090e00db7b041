import Testing

@testable import Domain

/// The support request state machine (issue 13 item 7), every status × event.
@Suite struct SupportTransitionTests {
    typealias Row = (SupportStatus, SupportTransition.Event, SupportStatus?, [SupportTransition.Action])

    static let table: [Row] = [
        (.open, .clientMessage, .open, [.notifyStaff]),
        (.open, .staffMessage, .answered, [.notifyClient]),
        (.open, .close, .closed, []),
        (.answered, .clientMessage, .open, [.notifyStaff]),
        (.answered, .staffMessage, .answered, [.notifyClient]),
        (.answered, .close, .closed, []),
        (.closed, .clientMessage, .open, [.notifyStaff]),
        (.closed, .staffMessage, nil, []),
        (.closed, .close, nil, []),
    ]

    @Test(arguments: 0..<table.count) func everyStatusAndEvent(index: Int) {
        let (from, event, to, actions) = Self.table[index]
        switch SupportTransition.apply(event, to: from) {
        case .success(let transition):
            #expect(transition.status == to, "\(from) + \(event)")
            #expect(transition.actions == actions, "\(from) + \(event)")
        case .failure(let rejection):
            #expect(to == nil, "\(from) + \(event) was refused: \(rejection)")
            #expect(rejection == .closed)
        }
    }

    @Test func theTableCoversEveryPair() {
        let pairs = Set(Self.table.map { "\($0.0)-\($0.1)" })
        #expect(pairs.count == SupportStatus.allCases.count * SupportTransition.Event.allCases.count)
    }

    @Test(
        arguments: [
            ("Frage zur Rechnung", nil), ("", SupportText.Problem.required), ("   ", .required),
            (String(repeating: "a", count: 200), nil), (String(repeating: "a", count: 201), .tooLong),
            ("Zeile\neins", .controlCharacter), ("NUL\u{0}", .controlCharacter),
        ] as [(String, SupportText.Problem?)])
    func subjects(text: String, problem: SupportText.Problem?) {
        #expect(SupportText.problem(text, SupportText.subject) == problem)
    }

    @Test(
        arguments: [
            ("Hallo,\r\nwie geht das?\tDanke", nil), (String(repeating: "ä", count: 10_000), nil),
            (String(repeating: "a", count: 10_001), SupportText.Problem.tooLong), ("\n\n", .required),
            ("Bell\u{7}", .controlCharacter),
        ] as [(String, SupportText.Problem?)])
    func messages(text: String, problem: SupportText.Problem?) {
        #expect(SupportText.problem(text, SupportText.message) == problem)
    }
}
