import Postgres

/// How a companion's rows stand beside a principal's look-up in their shared statement.
public enum CompanionShape: Sendable, Hashable {
    /// Each companion row carries the principal's columns: for a companion of one row (the portal's company).
    case besideEachRow
    /// The principal's columns in a row of their own, the companion's rows below it without them: for a list
    /// (issue #16: the bearer token's principal repeated on each of a purchases list's 20 rows was a quarter of
    /// PostgreSQL's CPU for the statement — seven more values to write out per row — and as much for libpq to read).
    case belowThePrincipal
}

/// A read or write that shares one statement with a principal's look-up (a bearer token's, a session's): the
/// look-up as the CTE `principal`, the companion joined to it laterally, marked by `companion_row`. The one place that
/// shapes such statements and takes their rows apart (``APITokenStore/CompanionRead``,
/// ``SessionStore/CompanionRead``, ``APITokenStore/CompanionWrite``).
enum PrincipalCompanion {
    /// The statement: `columns` of the CTE `principal` (`lookUp`) and the rows of `companion` in `shape`. An unknown
    /// principal gives no row. Beside each row: a principal whose companion has none gives one row whose
    /// `companion_row` is NULL. Below the principal: the principal's row has `companion_row` NULL and the
    /// companion's columns NULL, each companion row the principal's columns NULL.
    static func sql(lookUp: String, columns: [String], companion: String, shape: CompanionShape) -> String {
        let companionRows = "SELECT true AS companion_row, c.* FROM (\(companion)) c"
        switch shape {
        case .besideEachRow:
            return """
                WITH principal AS (\(lookUp))
                SELECT \(columns.joined(separator: ", ")), companion.*
                FROM principal
                LEFT JOIN LATERAL (\(companionRows)) companion ON true
                """
        case .belowThePrincipal:
            // The first branch's `ON false` keeps the companion's columns (names and types) without running it;
            // the second branch's NULLs take the principal columns' types from the first. Rows are told apart by
            // `companion_row`, not by their place, so the answer does not rest on the order UNION ALL returns its
            // branches in (a branch's own rows keep their order).
            return """
                WITH principal AS (\(lookUp))
                SELECT \(columns.joined(separator: ", ")), companion.*
                FROM principal LEFT JOIN LATERAL (\(companionRows)) companion ON false
                UNION ALL
                SELECT \(Array(repeating: "NULL", count: columns.count).joined(separator: ", ")), companion.*
                FROM principal CROSS JOIN LATERAL (\(companionRows)) companion
                """
        }
    }

    /// The principal's row and the companion's rows (in their order) of a statement's result, in either shape; nil
    /// when there are no rows (no principal).
    static func split(_ rows: PostgresRows) throws -> (principal: PostgresRow, companion: [PostgresRow])? {
        guard let first = rows.first else { return nil }
        guard let marker = rows.position(of: "companion_row") else { return (first, []) }
        var principal: PostgresRow?
        var companion: [PostgresRow] = []
        companion.reserveCapacity(rows.count)
        for row in rows {
            if try row.isNull(marker) {
                if principal == nil { principal = row }
            } else {
                companion.append(row)
            }
        }
        return (principal ?? first, companion)
    }
}
