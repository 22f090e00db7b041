import Foundation
import Postgres

/// Moments as they cross the SQL boundary: bound as seconds since 1970 (`to_timestamp(…)` in SQL) and read
/// back through `extract(epoch FROM …)::float8`, so no time zone or text format is involved.
enum Timestamp {
    /// The seconds bind for `to_timestamp(…)`.
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }

    /// Whole seconds since 1970 for the pure policies, rounded down.
    static func whole(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// A `Date` from an epoch column.
    static func date(_ row: PostgresRow, _ column: String) throws -> Date {
        Date(timeIntervalSince1970: try row.double(column))
    }

    /// An optional `Date` from an epoch column.
    static func optionalDate(_ row: PostgresRow, _ column: String) throws -> Date? {
        try row.optionalDouble(column).map(Date.init(timeIntervalSince1970:))
    }
}
