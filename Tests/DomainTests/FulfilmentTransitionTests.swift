import Testing

@testable import Domain

/// The fulfilment state machine (issue 13 item 4), every status × event.
@Suite struct FulfilmentTransitionTests {
    typealias Row = (FulfilmentStatus, FulfilmentTransition.Event, FulfilmentStatus?, [FulfilmentTransition.Action])

    static let table: [Row] = [
        (.paid, .start, .inProgress, []),
        (.paid, .deliver, nil, []),
        (.paid, .cancel, .cancelled, [.refund]),
        (.inProgress, .start, nil, []),
        (.inProgress, .deliver, .delivered, []),
        (.inProgress, .cancel, .cancelled, [.refund]),
        (.delivered, .start, nil, []), (.delivered, .deliver, nil, []), (.delivered, .cancel, nil, []),
        (.cancelled, .start, nil, []), (.cancelled, .deliver, nil, []), (.cancelled, .cancel, nil, []),
    ]

    @Test(arguments: 0..<table.count) func everyStatusAndEvent(index: Int) {
        let (from, event, to, actions) = Self.table[index]
        switch FulfilmentTransition.apply(event, to: from) {
        case .success(let transition):
            #expect(transition.status == to, "\(from) + \(event)")
            #expect(transition.actions == actions)
        case .failure(let rejection):
            #expect(to == nil, "\(from) + \(event) was refused: \(rejection)")
            #expect(rejection == (from.isFinal ? .final(from) : .notFrom(from)))
        }
    }

    @Test func theTableCoversEveryPair() {
        #expect(Self.table.count == FulfilmentStatus.allCases.count * FulfilmentTransition.Event.allCases.count)
    }
}
