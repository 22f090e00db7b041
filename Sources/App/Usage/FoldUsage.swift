import Logging
import Postgres
import Storage

/// Folds the usage events accepted since the last fold into the daily aggregates (migration 0150): one
/// transaction per batch (``UsageStore/fold(maximumSpan:)``), again at once while a batch stopped at its bound.
/// Another fold holding the watermark is not waited for: it folds the same events, so this one returns.
enum FoldUsage {
    /// Folds until caught up; returns how many events were folded. `connection` must not be in a transaction.
    static func run(connection: PostgresConnection, logger: Logger, maximumSpan: Int = 20_000) throws -> Int {
        var total = 0
        while true {
            let fold = try connection.transaction { transaction in
                try UsageStore(connection: transaction).fold(maximumSpan: maximumSpan)
            }
            guard let fold else { return total }
            total += fold.events
            if fold.events > 0 {
                logger.debug(
                    "usage folded",
                    metadata: [
                        "usage.folded_events": "\(fold.events)", "usage.fold_from": "\(fold.from)",
                        "usage.fold_below": "\(fold.below)",
                    ])
            }
            guard fold.more else { return total }
        }
    }
}
