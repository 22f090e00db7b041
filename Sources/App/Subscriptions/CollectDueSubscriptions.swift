import Domain
import Logging
import Postgres
import Storage

/// The clock-driven part of subscriptions, run by the jobs process continuously and by the billing run on demand
/// (`--as-of` in development): closes periods that have ended (the next period starts, with its invoice — or the
/// subscription ends when it was cancelled at period end) and starts dunning retries that are due. Each
/// subscription is handled in its own transaction, so a crash loses at most the one in progress, which the next
/// run redoes (the state machine finds it not done yet; Stripe replays the charge by its idempotency key).
/// Inside a caller's transaction (the periodic job) everything runs in that one.
struct CollectDueSubscriptions {
    /// What one run did.
    struct Summary: Equatable {
        var periodsClosed = 0
        var retriesStarted = 0
    }

    let connection: PostgresConnection
    let shell: ApplySubscriptionEvent

    /// Everything due by `asOf` (Unix seconds): period ends, then dunning retries.
    func run(asOf: Int64) throws -> Summary {
        var summary = Summary()
        summary.periodsClosed = try closePeriods(asOf: asOf)
        summary.retriesStarted = try startRetries(asOf: asOf)
        if summary != Summary() {
            shell.logger.info(
                "subscriptions collected",
                metadata: [
                    "billing.as_of": "\(asOf)", "billing.periods_closed": "\(summary.periodsClosed)",
                    "billing.retries_started": "\(summary.retriesStarted)",
                ])
        }
        return summary
    }

    /// Closes every period that ended by `asOf`, one transaction per subscription and period (a long pause may
    /// have passed several period ends: they are closed one after the other). Returns how many.
    func closePeriods(asOf: Int64) throws -> Int {
        let store = SubscriptionStore(connection: connection)
        var closed = 0
        var seen: [String: Int] = [:]
        while true {
            let due = try store.periodEnded(asOf: asOf, limit: 200).filter { (seen[$0] ?? 0) < 24 }
            if due.isEmpty { break }
            for id in due {
                seen[id, default: 0] += 1
                let outcome = try unit { connection in
                    try shell.apply(.periodEnded(now: asOf), subscriptionID: id, now: asOf, connection: connection)
                }
                if outcome?.changed == true { closed += 1 } else { seen[id] = 24 }
            }
        }
        return closed
    }

    /// One subscription's transaction — or, when the caller holds one (a job's), its part of that transaction.
    private func unit<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
        if connection.isInTransaction { return try body(connection) }
        return try connection.transaction(body)
    }

    /// Starts every dunning retry due by `asOf`, one transaction per subscription. Returns how many.
    func startRetries(asOf: Int64) throws -> Int {
        var started = 0
        for id in try SubscriptionStore(connection: connection).retryDue(asOf: asOf) {
            let outcome = try unit { connection in
                try shell.apply(.retryDue(now: asOf), subscriptionID: id, now: asOf, connection: connection)
            }
            if outcome?.changed == true { started += 1 }
        }
        return started
    }
}
