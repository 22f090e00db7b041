import Testing

@testable import Stripe

@Suite struct CircuitBreakerTests {
    enum Step: Sendable, CustomTestStringConvertible {
        case permit(at: Double, expected: Bool)
        case record(CircuitBreaker.Outcome, at: Double)

        var testDescription: String {
            switch self {
            case .permit(let at, let expected): "permit@\(at)=\(expected)"
            case .record(let outcome, let at): "\(outcome)@\(at)"
            }
        }
    }

    static let policy = CircuitBreaker.Policy(failureThreshold: 3, coolDown: 10)

    @Test(
        arguments: [
            // Failures below the threshold keep it closed; a success resets the count.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 1), .record(.success, at: 2),
                    .record(.failure, at: 3),
                    .record(.failure, at: 4), .permit(at: 5, expected: true),
                ], CircuitBreaker.State.closed(failures: 2)
            ),
            // Three consecutive failures open it until now + cool-down.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 1), .record(.failure, at: 2),
                    .permit(at: 2, expected: false),
                    .permit(at: 11.9, expected: false),
                ], .open(until: 12)
            ),
            // After the cool-down one probe passes, the next call is refused while it runs.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 0), .record(.failure, at: 0),
                    .permit(at: 10, expected: true),
                    .permit(at: 10.5, expected: false),
                ], .halfOpen(probeStarted: 10)
            ),
            // The probe's success closes it.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 0), .record(.failure, at: 0),
                    .permit(at: 10, expected: true),
                    .record(.success, at: 11), .permit(at: 11, expected: true),
                ], .closed(failures: 0)
            ),
            // The probe's failure opens it again for a full cool-down.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 0), .record(.failure, at: 0),
                    .permit(at: 10, expected: true),
                    .record(.failure, at: 11), .permit(at: 20, expected: false),
                ], .open(until: 21)
            ),
            // A probe that never reports is replaced after another cool-down.
            (
                [
                    .record(.failure, at: 0), .record(.failure, at: 0), .record(.failure, at: 0),
                    .permit(at: 10, expected: true),
                    .permit(at: 19.9, expected: false), .permit(at: 20, expected: true),
                ], .halfOpen(probeStarted: 20)
            ),
        ] as [([Step], CircuitBreaker.State)])
    func transitions(steps: [Step], final: CircuitBreaker.State) {
        var breaker = CircuitBreaker(policy: Self.policy)
        for step in steps {
            switch step {
            case .permit(let at, let expected): #expect(breaker.permit(now: at) == expected, "\(step.testDescription)")
            case .record(let outcome, let at): breaker.record(outcome, now: at)
            }
        }
        #expect(breaker.state == final)
    }

    @Test(arguments: [(0.0, true), (9.99, true), (10.0, false)])
    func isOpenDoesNotChangeState(now: Double, open: Bool) {
        var breaker = CircuitBreaker(policy: CircuitBreaker.Policy(failureThreshold: 1, coolDown: 10))
        breaker.record(.failure, now: 0)
        #expect(breaker.isOpen(now: now) == open)
        #expect(breaker.state == .open(until: 10))
    }

    @Test func policiesAreClamped() {
        let policy = CircuitBreaker.Policy(failureThreshold: 0, coolDown: -1)
        #expect(policy.failureThreshold == 1)
        #expect(policy.coolDown == 0)
    }
}
