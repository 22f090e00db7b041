/// A circuit breaker as a pure state machine over (state, event, now); ``StripeAPIClient`` keeps one
/// behind a lock and consults it before every call.
///
/// - closed: calls pass; `failureThreshold` consecutive failures open the circuit.
/// - open: calls are refused (fail fast) until `coolDown` seconds have passed, then one probe is let
///   through (half-open).
/// - half-open: further calls are refused while the probe runs; its success closes the circuit, its
///   failure opens it again. A probe that never reports is replaced after another `coolDown`.
///
/// `now` is any monotonic time in seconds (a fake clock in tests).
public struct CircuitBreaker: Sendable, Equatable {
    /// When to open and how long to stay open.
    public struct Policy: Sendable, Equatable {
        /// Consecutive failures that open the circuit (at least 1).
        public var failureThreshold: Int
        /// Seconds the circuit stays open before a probe.
        public var coolDown: Double

        /// A policy; defaults: 5 failures, 30 s.
        public init(failureThreshold: Int = 5, coolDown: Double = 30) {
            self.failureThreshold = max(1, failureThreshold)
            self.coolDown = max(0, coolDown)
        }
    }

    /// The breaker's state.
    public enum State: Sendable, Equatable {
        /// Calls pass; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Calls are refused until `until`.
        case open(until: Double)
        /// One probe is running since `probeStarted`.
        case halfOpen(probeStarted: Double)
    }

    /// The outcome of a permitted call.
    public enum Outcome: Sendable, Equatable {
        /// Stripe answered (including a 4xx: the service is up).
        case success
        /// Stripe was unreachable, timed out or answered 5xx/429 after all retries.
        case failure
    }

    /// The policy.
    public let policy: Policy
    /// The current state.
    public private(set) var state: State

    /// A closed breaker.
    public init(policy: Policy = Policy()) {
        self.policy = policy
        state = .closed(failures: 0)
    }

    /// Whether a call may start at `now`; moves open → half-open when the cool-down has passed.
    public mutating func permit(now: Double) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen(probeStarted: now)
            return true
        case .halfOpen(let started):
            guard now - started >= policy.coolDown else { return false }
            state = .halfOpen(probeStarted: now)
            return true
        }
    }

    /// Records the outcome of a permitted call at `now`.
    public mutating func record(_ outcome: Outcome, now: Double) {
        switch (state, outcome) {
        case (_, .success):
            state = .closed(failures: 0)
        case (.closed(let failures), .failure):
            state =
                failures + 1 >= policy.failureThreshold
                ? .open(until: now + policy.coolDown) : .closed(failures: failures + 1)
        case (.halfOpen, .failure), (.open, .failure):
            state = .open(until: now + policy.coolDown)
        }
    }

    /// Whether calls are currently being refused (without changing state).
    public func isOpen(now: Double) -> Bool {
        switch state {
        case .closed: false
        case .open(let until): now < until
        case .halfOpen(let started): now - started < policy.coolDown
        }
    }
}
