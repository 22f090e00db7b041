import Postgres

/// A read or write that shares one statement with a principal's look-up (a bearer token's, a session's): the
/// look-up as the CTE `principal`, the companion joined to it laterally, marked by `companion_row`. The one place that
/// shapes such statements and takes their rows apart (``APITokenStore/CompanionRead``,
/// ``SessionStore/CompanionRead``, ``APITokenStore/CompanionWrite``).
enum PrincipalCompanion {
    /// The statement: `columns` of the CTE `principal` (`lookUp`) beside the rows of `companion`; a principal whose
    /// companion has none gives one row whose `companion_row` is NULL, an unknown one no row.
    static func sql(lookUp: String, columns: String, companion: String) -> String {
        """
        WITH principal AS (\(lookUp))
        SELECT \(columns), companion.*
        FROM principal
        LEFT JOIN LATERAL (SELECT true AS companion_row, c.* FROM (\(companion)) c) companion ON true
        """
    }

    /// The companion's rows of a result whose first row is `first`: none when `companion_row` is NULL there.
    static func rows(_ rows: PostgresRows, first: PostgresRow) throws -> [PostgresRow] {
        guard let marker = rows.position(of: "companion_row"), try !first.isNull(marker) else { return [] }
        return Array(rows)
    }
}
