public import Domain
public import Foundation
public import Postgres
import Signing

/// Personal API tokens: named, shown once, stored as SHA-256, revocable, with a last-used time.
///
/// Every method is scoped to the principal's user and company: another person's or company's token id is
/// simply not found. Creation and revocation are audited.
public struct APITokenStore {
    /// The connection used.
    public let connection: PostgresConnection
    /// Least seconds between two writes of a token's last-used time.
    public let touchInterval: Int

    /// The longest token name accepted.
    public static let maximumNameLength = 100
    /// The prefix every token starts with.
    public static let tokenPrefix = "cz_"

    /// A store on `connection`.
    public init(connection: PostgresConnection, touchInterval: Int = 60) {
        self.connection = connection
        self.touchInterval = touchInterval
    }

    /// Creates a token named `name` for the principal's user in their company.
    public func create(
        name rawName: String, for principal: Principal, ip: String?, now: Date
    ) throws -> APITokenCreation {
        let name = rawName.trimmedWhitespace
        guard !name.isEmpty, name.count <= Self.maximumNameLength else { return .invalidName }
        let token = Self.tokenPrefix + SecureRandom.token(bytes: 32)
        let prefix = String(token.prefix(Self.tokenPrefix.count + 6))
        return try connection.transaction { db in
            let row = try db.query(
                """
                INSERT INTO api_tokens (user_id, company_id, name, prefix, token_hash, created_at, second_factor)
                VALUES (\(principal.userID)::uuid, \(principal.companyID)::uuid, \(name), \(prefix),
                        \(SHA256.hash(token)), to_timestamp(\(Timestamp.seconds(now))), \(principal.secondFactor))
                RETURNING \(unescaped: APITokenSummary.columns)
                """)[0]
            let summary = try APITokenSummary(row: row)
            try AuditLog(connection: db).append(
                AuditEntry(
                    by: principal, action: .tokenCreate, target: summary.id, ip: ip, details: ["name": summary.name]))
            return .created(IssuedAPIToken(summary: summary, token: token))
        }
    }

    /// The principal's tokens in their company, newest first, revoked ones included.
    public func list(for principal: Principal) throws -> [APITokenSummary] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: APITokenSummary.columns) FROM api_tokens
            WHERE user_id = \(principal.userID)::uuid AND company_id = \(principal.companyID)::uuid
            ORDER BY api_tokens.created_at DESC, api_tokens.id
            """)
        return try rows.map(APITokenSummary.init(row:))
    }

    /// Revokes the principal's token `id`; `false` (the App answers 404) when it is not theirs, unknown,
    /// malformed or already revoked. Both outcomes are audited.
    public func revoke(id: String, by principal: Principal, ip: String?, now: Date) throws -> Bool {
        try connection.transaction { db in
            var revoked = false
            if UUIDText.isValid(id) {
                revoked =
                    try db.execute(
                        """
                        UPDATE api_tokens SET revoked_at = to_timestamp(\(Timestamp.seconds(now)))
                        WHERE id = \(id)::uuid AND user_id = \(principal.userID)::uuid
                          AND company_id = \(principal.companyID)::uuid AND revoked_at IS NULL
                        """) == 1
            }
            try AuditLog(connection: db).append(
                AuditEntry(
                    // Only a well-formed id is recorded: a path segment can be any text (issue #17: 64
                    // grapheme clusters of combining marks overflowed the column and answered 500).
                    by: principal, action: .tokenRevoke, target: UUIDText.isValid(id) ? id : nil, ip: ip,
                    outcome: revoked ? .success : .failure))
            return revoked
        }
    }

    /// The principal a bearer `token` stands for at `now`, or `nil` when it is malformed, unknown, revoked or
    /// its user is disabled. Updates the last-used time (at most once per ``touchInterval``).
    public func resolve(token: String, now: Date) throws -> Principal? {
        guard Self.isPlausible(token) else { return nil }
        let rows = try connection.query(Self.resolveSQL, [SHA256.hash(token)])
        guard let row = rows.first else { return nil }
        return try principal(row, now: now)
    }

    /// A read that runs in the same statement as a token's look-up: ``resolve(token:now:alongWith:)``. Build it
    /// once (at start-up), not per request.
    public struct CompanionRead: Sendable {
        let sql: String

        /// `companion` is trusted SQL without parameters (never user input) that selects for the token's company,
        /// which it names `principal.company_id` (and the user `principal.user_id`), e.g.
        /// `SELECT … FROM purchases WHERE company_id = principal.company_id ORDER BY … LIMIT 100` (a list: shape
        /// ``CompanionShape/belowThePrincipal``).
        public init(_ companion: String, shape: CompanionShape = .besideEachRow) {
            sql = APITokenStore.principalAlongWith(companion, shape: shape)
        }
    }

    /// The token's principal (`$1` its SHA-256) and the rows of `companion` in `shape`.
    fileprivate static func principalAlongWith(_ companion: String, shape: CompanionShape) -> String {
        PrincipalCompanion.sql(lookUp: principalSQL, columns: principalColumnList, companion: companion, shape: shape)
    }

    /// Like ``resolve(token:now:)``, and in the SAME statement (one round trip instead of two) the rows of
    /// `companion`. Returns nil exactly when ``resolve(token:now:)`` would; otherwise the principal and the
    /// companion's rows in its order (read their columns by name; the principal's columns beside them are all named
    /// `principal_…`).
    public func resolve(
        token: String, now: Date, alongWith companion: CompanionRead
    ) throws -> (principal: Principal, rows: [PostgresRow])? {
        guard Self.isPlausible(token) else { return nil }
        let rows = try connection.query(companion.sql, [SHA256.hash(token)])
        guard let (row, companionRows) = try PrincipalCompanion.split(rows) else { return nil }
        return (try principal(row, now: now), companionRows)
    }

    /// A write that runs in the same statement, and so the same transaction, as a token's look-up and its budget
    /// count: ``resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)``. Build it once (at
    /// start-up), not per request.
    public struct CompanionWrite: Sendable {
        let sql: String
        /// The token's look-up and the companion alone, for a request taken ahead whose token needs no touch: no
        /// count, no touch, so none of their plan nodes to start (session 15's profile: starting the executor of the
        /// counting statement was a seventh of PostgreSQL's CPU for a single usage event). Its companion's
        /// parameters start at `$2`.
        let lookUpOnlySQL: String

        /// The number of the companion's first own parameter in the counting statement: `$8` (the look-up and the
        /// count use `$1`–`$5`, the budget's limit `$6`, the requests to take from it `$7`).
        static let firstParameter = 8

        /// `companion` gives trusted SQL (never user input) whose values come from parameters numbered from the
        /// number it is given on; it names the token's company `principal.company_id` (and the user
        /// `principal.user_id`), e.g. `{ "SELECT … FROM some_function(principal.company_id, $\($0)::text[])" }`.
        /// It runs only when the request is within its budget, after the count.
        public init(_ companion: (_ firstParameter: Int) -> String) {
            // `allowed` (materialized: the planner cannot reorder it) is the principal when the request is within
            // its budget and nothing otherwise, and the companion runs once per row of it: over the budget, never.
            // Taking nothing (`$7` = 0, a request the worker took ahead) counts nothing and is always within.
            sql = """
                WITH \(APITokenStore.countingCTEs),
                allowed AS MATERIALIZED (
                    SELECT principal.* FROM principal LEFT JOIN hit ON true WHERE $7 = 0 OR hit.count <= $6
                ),
                companion AS (
                    SELECT true AS companion_row, c.* FROM allowed AS principal, LATERAL (\(companion(Self.firstParameter))) c
                )
                SELECT \(APITokenStore.principalColumns), hit.count AS budget_count, hit.last_step AS budget_step,
                       companion.*
                FROM principal LEFT JOIN hit ON true LEFT JOIN companion ON true
                """
            lookUpOnlySQL = APITokenStore.principalAlongWith(companion(2), shape: .besideEachRow)
        }
    }

    /// A write that runs once for each of several tokens' requests, all in ONE statement and one transaction:
    /// ``resolveEach(_:thenEach:_:)``. Build it once (at start-up), not per request.
    public struct EachCompanionWrite: Sendable {
        let sql: String

        /// `companion` gives trusted SQL (never user input) that runs once for each request whose token resolves,
        /// with that token's principal as `principal` (`principal.company_id`, `principal.user_id`) and the request's
        /// part of the shared array parameters as `r.first` (1-based) and `r.count`; those parameters are numbered
        /// from the number it is given on (`$4`), e.g.
        /// `{ "SELECT … FROM some_function(principal.company_id, ($\($0)::text[])[r.first : r.first + r.count - 1])" }`.
        public init(_ companion: (_ firstParameter: Int) -> String) {
            // The requests in their order; each token looked up as in the single statements, each companion run for
            // its principal. A request whose token does not resolve has no row and runs nothing.
            sql = """
                SELECT r.n::int4 AS request, \(APITokenStore.principalColumns), companion.*
                FROM unnest($1::text[], $2::int4[], $3::int4[]) WITH ORDINALITY AS r (digest, first, count, n)
                CROSS JOIN LATERAL (\(APITokenStore.principalLookUp(digest: "decode(r.digest, 'hex')"))) principal
                CROSS JOIN LATERAL (\(companion(4))) companion
                ORDER BY r.n
                """
        }
    }

    /// One request of ``resolveEach(_:thenEach:_:)``: the digest of its token (``digest(ofPlausible:)``) and its part
    /// of the companion's array parameters (`first` 1-based, `count` elements).
    public struct EachRequest: Sendable, Hashable {
        public let tokenDigest: [UInt8]
        public let first: Int
        public let count: Int

        public init(tokenDigest: [UInt8], first: Int, count: Int) {
            self.tokenDigest = tokenDigest
            self.first = first
            self.count = count
        }
    }

    /// What ``resolveEach(_:thenEach:_:)`` found for one request: the principal, the companion's rows and the token's
    /// stored last-used time (seconds; nil when never used).
    public struct EachResolved {
        public let principal: Principal
        public let rows: [PostgresRow]
        public let storedLastUsed: Double?
    }

    /// For several requests at once, each by its own token: every token's principal and, for each that resolves, the
    /// rows of `companion` with `binds` — ONE statement, one round trip and one transaction for all of them, committed
    /// with the session's synchronous commit, so each answer built from it is durable. Nothing is counted against a
    /// budget and no token is touched: for requests the caller's worker took ahead while their tokens' last-used times
    /// are younger than ``touchInterval`` (what ``resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)``
    /// does for one of them with ``BudgetTake/takenAhead(lastUsed:)``). The answer is keyed by the request's index in
    /// `requests`; a request whose token does not resolve (unknown, revoked, its user disabled or no longer a
    /// member) is absent, and its companion did not run.
    public func resolveEach(
        _ requests: [EachRequest], thenEach companion: EachCompanionWrite, _ binds: [(any PostgresBindable)?]
    ) throws -> [Int: EachResolved] {
        guard !requests.isEmpty else { return [:] }
        let digests = PostgresArrayLiteral.text(requests) { Hex.encode($0.tokenDigest) }
        let firsts = "{" + requests.map { String($0.first) }.joined(separator: ",") + "}"
        let counts = "{" + requests.map { String($0.count) }.joined(separator: ",") + "}"
        let rows = try connection.query(companion.sql, [digests, firsts, counts] + binds)
        var grouped: [Int: [PostgresRow]] = [:]
        for row in rows { grouped[try row.int("request") - 1, default: []].append(row) }
        var resolved: [Int: EachResolved] = [:]
        for (index, rows) in grouped {
            guard requests.indices.contains(index), let first = rows.first else {
                throw PostgresError(code: .invalidUsage, message: "resolveEach: a row of no request")
            }
            resolved[index] = EachResolved(
                principal: try principal(first), rows: rows,
                storedLastUsed: try first.optionalDouble("principal_last_used_at"))
        }
        return resolved
    }

    /// What a counting request took from its account's write budget.
    public enum BudgetTake: Sendable, Hashable {
        /// Nothing: the request is one its worker took ahead (``BudgetOutcome/took(requests:)`` of an earlier
        /// one); nothing is counted and the request is within the budget. `lastUsed` is the token's last-used time
        /// (seconds) as the worker last saw it: the stored one is never older (it only moves forward), so while
        /// `lastUsed` is younger than ``touchInterval`` no touch is due and the statement is the token's look-up
        /// and the companion alone.
        case takenAhead(lastUsed: Double)
        /// Count this request and, while that stays within the budget, up to `requests` − 1 more that the
        /// caller's worker may then spend without counting them (`requests` ≥ 1).
        case count(requests: Int)
    }

    /// The budget side of ``resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)``.
    public enum BudgetOutcome: Sendable, Hashable {
        /// Within the budget; `requests` were counted for it (this one included: the caller may spend
        /// `requests` − 1 more without counting them; 0 when it was taken ahead).
        case took(requests: Int)
        /// Over the budget (counted once): the 429's decision.
        case refused(RateLimit.Decision)
    }

    /// The SHA-256 of a plausible bearer `token` (what the table stores and the look-ups take), nil for text that
    /// cannot be a token. Callers that key per-token state by it never keep the token itself.
    public static func digest(ofPlausible token: String) -> [UInt8]? {
        isPlausible(token) ? SHA256.hash(token) : nil
    }

    /// Like ``resolve(token:now:)`` for the token whose ``digest(ofPlausible:)`` is `tokenDigest`, and in the SAME
    /// statement (one round trip, ONE transaction): takes this request from the budget `limit` under the key
    /// `keyPrefix` + the token's user id (the table, keys and windows of ``RateLimitStore/hit(_:limit:now:)``),
    /// and when it is within the budget runs the write `companion` with `binds` (its parameters, numbered from the
    /// number ``CompanionWrite/init(_:)`` gives it). The transaction commits with the session's synchronous commit: when
    /// this returns, the companion's writes and the count are durable together.
    ///
    /// `take` ``BudgetTake/count(requests:)`` adds `requests` to the window's count while the sum stays within
    /// `limit` and otherwise exactly one (the count's `last_step` says which, migration 0191), so the count never
    /// passes the limit by taking ahead, and a refused request is counted once as always.
    /// ``BudgetTake/takenAhead(lastUsed:)`` counts nothing. Over the budget the companion does not run and `rows`
    /// is empty. Returns nil exactly when ``resolve(token:now:)`` would (nothing counted, nothing written). The
    /// last-used time is written at most once per ``touchInterval``; `lastUsed` is the token's last-used time after
    /// the statement (what ``BudgetTake/takenAhead(lastUsed:)`` takes next time). Call it outside a transaction.
    public func resolve(
        tokenDigest: [UInt8], now: Date, countingUnder keyPrefix: String, limit: RateLimit, taking take: BudgetTake,
        thenWithinBudget companion: CompanionWrite, _ binds: [(any PostgresBindable)?]
    ) throws -> (principal: Principal, budget: BudgetOutcome, rows: [PostgresRow], lastUsed: Double)? {
        let nowSeconds = Timestamp.seconds(now)
        let whole = Timestamp.whole(now)
        let dueBefore = nowSeconds - Double(touchInterval)
        let requests: Int
        var lookUpOnly = false
        switch take {
        case .takenAhead(let lastUsed):
            requests = 0
            lookUpOnly = lastUsed > dueBefore
        case .count(let wanted): requests = max(1, wanted)
        }
        let rows =
            try lookUpOnly
            ? connection.query(companion.lookUpOnlySQL, [tokenDigest] + binds)
            : connection.query(
                companion.sql,
                [tokenDigest, nowSeconds, dueBefore, keyPrefix, limit.windowStart(at: whole), limit.limit, requests]
                    + binds)
        guard let first = rows.first else { return nil }
        // The counting statement touched the token exactly when its stored time was due (`touched` above).
        let stored = try first.optionalDouble("principal_last_used_at")
        let lastUsed: Double
        if case .takenAhead(let seen) = take, lookUpOnly {
            lastUsed = max(stored ?? seen, seen)
        } else {
            lastUsed = stored.map { $0 > dueBefore ? $0 : nowSeconds } ?? nowSeconds
        }
        let budget: BudgetOutcome
        if requests == 0 {
            budget = .took(requests: 0)
        } else {
            let decision = limit.decide(count: try first.int("budget_count"), at: whole)
            budget = decision == .allowed ? .took(requests: try first.int("budget_step")) : .refused(decision)
        }
        return (try principal(first), budget, try PrincipalCompanion.split(rows)?.companion ?? [], lastUsed)
    }

    /// The token's principal, its last-used time touched when due and the request counted (`hit`) like
    /// ``RateLimitStore/hit(_:limit:now:)`` (same table, keys and windows): `$1` token hash, `$2` now and `$3` the
    /// latest last-used time that is due for a touch (seconds), `$4` the rate-limit key's prefix (the user's id
    /// follows), `$5` the window's start, `$6` the limit, `$7` the requests to take (0: none, no row touched;
    /// otherwise `$7` while the count stays within `$6`, else one).
    private static let countingCTEs = """
        principal AS (\(principalSQL)),
        touched AS (
            UPDATE api_tokens SET last_used_at = to_timestamp($2)
            WHERE id = (SELECT id FROM principal) AND (last_used_at IS NULL OR last_used_at <= to_timestamp($3))
            RETURNING 1
        ),
        hit AS (
            INSERT INTO rate_limit_counts AS counted (key, window_start, count, last_step)
            SELECT left($4::text || principal.user_id::text, 200), $5, step, step
            FROM principal, LATERAL (SELECT CASE WHEN $7::int <= $6::int THEN $7::int ELSE 1 END AS step) first
            WHERE $7::int > 0
            ON CONFLICT (key, window_start) DO UPDATE SET
                count = counted.count + CASE WHEN counted.count + $7::int <= $6::int THEN $7::int ELSE 1 END,
                last_step = CASE WHEN counted.count + $7::int <= $6::int THEN $7::int ELSE 1 END
            RETURNING count, last_step
        )
        """

    private static let resolveSQL = "WITH principal AS (\(principalSQL)) SELECT \(principalColumns) FROM principal"

    /// The token's principal, when the token is valid: `$1` is the token's SHA-256.
    private static let principalSQL = principalLookUp(digest: "$1")

    /// The principal of the token whose SHA-256 is the SQL expression `digest`, when the token is valid.
    private static func principalLookUp(digest: String) -> String {
        """
        SELECT t.id, t.user_id, t.company_id, u.email, m.role, t.second_factor,
               extract(epoch FROM t.last_used_at)::float8 AS last_used_at
        FROM api_tokens t
        JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
        JOIN memberships m ON m.user_id = t.user_id AND m.company_id = t.company_id
        WHERE t.token_hash = \(digest) AND t.revoked_at IS NULL
        """
    }

    private static let principalColumnList = [
        "principal.id::text AS principal_id", "principal.user_id::text AS principal_user_id",
        "principal.company_id::text AS principal_company_id", "principal.email AS principal_email",
        "principal.role AS principal_role", "principal.second_factor AS principal_second_factor",
        "principal.last_used_at AS principal_last_used_at",
    ]

    private static let principalColumns = principalColumnList.joined(separator: ", ")

    /// The principal of a row with ``principalColumns``; touches the token's last-used time when it is due.
    private func principal(_ row: PostgresRow, now: Date) throws -> Principal {
        let id = try row.string("principal_id")
        let lastUsed = try row.optionalDouble("principal_last_used_at")
        let nowSeconds = Timestamp.seconds(now)
        if lastUsed.map({ nowSeconds - $0 >= Double(touchInterval) }) ?? true {
            try connection.execute(
                "UPDATE api_tokens SET last_used_at = to_timestamp(\(nowSeconds)) WHERE id = \(id)::uuid")
        }
        return try principal(row)
    }

    /// The principal of a row with ``principalColumns``.
    private func principal(_ row: PostgresRow) throws -> Principal {
        let id = try row.string("principal_id")
        return Principal(
            userID: UserID(try row.string("principal_user_id")),
            email: try EmailAddress.stored(try row.string("principal_email")),
            companyID: CompanyID(try row.string("principal_company_id")),
            role: try Role.stored(try row.string("principal_role")), method: .apiToken, tokenID: id,
            secondFactor: try row.bool("principal_second_factor"))
    }

    /// The token in an `Authorization` header value `Bearer <token>` (scheme case-insensitive), or `nil`.
    public static func bearerToken(fromAuthorization header: String) -> String? {
        // By bytes: exactly two space-separated words (any number of spaces), the first `bearer` in any case.
        let bytes = header.utf8
        var words: [Range<String.Index>] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] != UInt8(ascii: " ") else {
                bytes.formIndex(after: &index)
                continue
            }
            let start = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: " ") { bytes.formIndex(after: &index) }
            guard words.count < 2 else { return nil }
            words.append(start..<index)
        }
        guard words.count == 2, bytes[words[0]].count == 6,
            zip(bytes[words[0]], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        return String(header[words[1]])
    }

    /// Whether `token` has the shape of an API token (`cz_` and 43 base64url characters).
    static func isPlausible(_ token: String) -> Bool {
        token.hasPrefix(tokenPrefix) && SessionStore.isPlausible(String(token.dropFirst(tokenPrefix.count)))
    }
}
