internal import CLibPQ
import SystemCalls

/// One synchronous PostgreSQL connection, owned by one thread (a worker, the jobs loop, a test).
///
/// It connects lazily on first use and recovers after a server restart: before each statement it
/// checks the connection (without a round trip) and reconnects when it is gone, except inside a
/// transaction, where the transaction is lost and the statement throws a connection failure.
/// A statement that fails because the connection broke throws an error whose
/// ``PostgresError/isConnectionFailure`` is true; it is never silently retried unless the caller
/// opts in with `retryOnConnectionLoss: true` (for reads outside a transaction).
///
/// ```swift
/// let connection = PostgresConnection("host=/srv/var/postgres/socket dbname=codezero user=codezero")
/// let rows = try connection.query("SELECT name_en FROM billing_products WHERE id = \(id)")
/// let changed = try connection.execute("UPDATE billing_products SET active = \(false) WHERE id = \(id)")
/// ```
///
/// Parameters are always sent as bind parameters (text format), never spliced into SQL. Each
/// distinct statement is prepared on the server once per connection and then only executed.
/// Not `Sendable`: give each thread its own connection.
public final class PostgresConnection {
    /// The libpq connection string or URI this connection was created with.
    public let connectionString: String
    /// Seconds libpq waits for a connection to be established (libpq treats 1 as 2).
    public let connectTimeout: Int
    /// The `application_name` reported to the server (visible in `pg_stat_activity`).
    public let applicationName: String

    var handle: OpaquePointer?
    var inTransaction = false
    var listenedChannels: [String] = []
    let notices = NoticeMonitor()
    let statements = StatementCache()
    /// Counts successful connects, so callers can tell that a reconnect happened.
    var generation = 0
    /// The connection generation the listener has been told about: a reconnect made anywhere (a query, a
    /// transaction, ``pendingNotifications()``) leaves `generation` ahead of it until the next check of
    /// notifications reports the loss once and catches up.
    var reportedGeneration = 0
    /// Whether to probe the socket for a dropped connection before each statement (tests turn it off).
    var checksConnectionBeforeStatements = true
    /// Statements sent through ``query(_:retryOnConnectionLoss:)`` and ``execute(_:)`` (each try counts; scripts
    /// and transaction control do not): how tests prove that a request's reads share one round trip.
    public private(set) var statementsRun = 0

    /// Creates a connection; nothing is connected until the first statement (or ``connect()``).
    ///
    /// - Parameters:
    ///   - connectionString: a libpq key/value string (`host=... dbname=...`) or URI
    ///     (`postgresql://user@host/db`); its own `connect_timeout`/`application_name` win over the
    ///     arguments below. A short `statement_timeout` can be set with `options=-c statement_timeout=5000`.
    ///   - connectTimeout: seconds to wait for a connection.
    ///   - applicationName: the name shown in `pg_stat_activity`.
    public init(_ connectionString: String, connectTimeout: Int = 5, applicationName: String = "codezero") {
        self.connectionString = connectionString
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Whether a connection is currently open (it may still turn out to be broken on next use).
    public var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether a ``transaction(isolation:_:)`` is running.
    public var isInTransaction: Bool { inTransaction }

    /// The server process id of the current connection, nil when not connected.
    public var backendPID: Int? {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return nil }
        return Int(PQbackendPID(handle))
    }

    /// Connects now if not connected (statements also connect on demand).
    public func connect() throws {
        _ = try readyHandle()
    }

    /// Closes the connection; the next statement connects again.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    // MARK: - Statements

    /// Runs a statement and returns its rows.
    ///
    /// - Parameter retryOnConnectionLoss: when true and the connection turns out to be lost (and no
    ///   transaction is open), reconnect and run the statement once more. Only for statements that
    ///   are safe to run twice, such as reads.
    public func query(_ query: PostgresQuery, retryOnConnectionLoss: Bool = false) throws -> PostgresRows {
        PostgresRows(storage: try run(query, retryOnConnectionLoss: retryOnConnectionLoss))
    }

    /// Runs SQL with explicit `$n` placeholders and its values (nil is NULL) and returns its rows.
    public func query(
        _ sql: String, _ binds: [(any PostgresBindable)?], retryOnConnectionLoss: Bool = false
    ) throws -> PostgresRows {
        try query(PostgresQuery(sql, binds), retryOnConnectionLoss: retryOnConnectionLoss)
    }

    /// Runs a statement and returns the number of rows it affected (inserted, updated, deleted, selected).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> Int {
        try run(query, retryOnConnectionLoss: false).affectedRows
    }

    /// Runs SQL with explicit `$n` placeholders and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ binds: [(any PostgresBindable)?]) throws -> Int {
        try execute(PostgresQuery(sql, binds))
    }

    /// Runs a script of several `;`-separated statements without parameters (simple query protocol),
    /// e.g. a migration file. Outside a transaction the server runs the script as one implicit
    /// transaction unless it contains its own transaction commands.
    public func executeScript(_ sql: String) throws {
        guard !sql.utf8.contains(0) else {
            throw PostgresError(code: .invalidParameter, message: "SQL text contains a NUL character")
        }
        let connection = try readyHandle()
        let result = PQexec(connection, sql)
        _ = try checked(result, on: connection, sql: sql)
    }

    // MARK: - Internals shared by the extensions

    func run(_ query: PostgresQuery, retryOnConnectionLoss: Bool) throws -> PostgresResultStorage {
        do {
            return try runOnce(query)
        } catch let error as PostgresError
            where retryOnConnectionLoss && !inTransaction && error.code == .connectionLost
        {
            return try runOnce(query)
        }
    }

    private func runOnce(_ query: PostgresQuery, retryStale: Bool = true) throws -> PostgresResultStorage {
        statementsRun &+= 1
        for (position, bind) in query.binds.enumerated() where bind.text?.utf8.contains(0) == true {
            throw PostgresError(
                code: .invalidParameter, message: "bind parameter $\(position + 1) contains a NUL character",
                query: query.sql)
        }
        let connection = try readyHandle()
        let key = StatementCache.Key(sql: query.sql, types: query.binds.map(\.typeOID))
        let values = CStringArray(query.binds.map(\.text))
        let count = Int32(query.binds.count)
        guard let statement = try prepared(for: key, on: connection) else {
            let result = withExtendedLifetime(values) {
                PQexecParams(connection, query.sql, count, key.types.map { Oid($0) }, values.pointers, nil, nil, 0)
            }
            return try checked(result, on: connection, sql: query.sql)
        }
        let result = withExtendedLifetime(values) {
            PQexecPrepared(connection, statement.name, count, values.pointers, nil, nil, 0)
        }
        do {
            let storage = try checked(result, on: connection, sql: query.sql, knownShape: statement.shape)
            statement.shape = storage.shape
            return storage
        } catch let error as PostgresError where error.sqlState == "0A000" || error.sqlState == "26000" {
            // "cached plan must not change result type" (the table changed) or the statement was
            // deallocated (DISCARD ALL): forget it; outside a transaction nothing ran, so run it afresh.
            statements.evict(key)
            guard retryStale && !inTransaction else { throw error }
            return try runOnce(query, retryStale: false)
        }
    }

    /// The prepared statement for `key`, preparing it first if needed; nil when the cache is full.
    private func prepared(for key: StatementCache.Key, on connection: OpaquePointer) throws -> StatementCache.Entry? {
        if let entry = statements.entry(for: key) { return entry }
        guard let name = statements.reserveName() else { return nil }
        let result = PQprepare(connection, name, key.sql, Int32(key.types.count), key.types.map { Oid($0) })
        _ = try checked(result, on: connection, sql: key.sql)
        return statements.store(name, for: key)
    }

    /// Turns a libpq result into rows or a thrown error; forgets a connection that broke. `knownShape`: the columns
    /// of the statement's earlier results, taken when this result has the same.
    func checked(
        _ result: OpaquePointer?, on connection: OpaquePointer, sql: String?, knownShape: PostgresResultShape? = nil
    ) throws -> PostgresResultStorage {
        if let result {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
                return PostgresResultStorage(result: result, knownShape: knownShape)
            }
        }
        var error =
            result.map { PostgresError(result: $0, query: sql) }
            ?? PostgresError(code: .server, message: Self.errorMessage(of: connection), query: sql)
        if let result { PQclear(result) }
        if PQstatus(connection) != CONNECTION_OK {
            error.code = .connectionLost
            if error.message == nil { error.message = Self.errorMessage(of: connection) }
            dropConnection()
        }
        throw error
    }

    /// A connected handle, reconnecting first when the previous connection is gone.
    func readyHandle() throws -> OpaquePointer {
        if let handle {
            if PQstatus(handle) == CONNECTION_OK && (!checksConnectionBeforeStatements || looksAlive(handle)) {
                return handle
            }
            dropConnection()
        }
        if inTransaction {
            throw PostgresError(
                code: .connectionLost, message: "the connection was lost during a transaction; it was rolled back")
        }
        return try open()
    }

    func dropConnection() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private func open() throws -> OpaquePointer {
        // Swift strings are UTF-8; the connection string may still override these (it is expanded last).
        let keywords = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = [String(connectTimeout), applicationName, "UTF8", connectionString]
        let keywordArray = CStringArray(keywords, nilTerminated: true)
        let valueArray = CStringArray(values, nilTerminated: true)
        let connection = withExtendedLifetime((keywordArray, valueArray)) {
            PQconnectdbParams(keywordArray.pointers, valueArray.pointers, 1)
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.errorMessage(of: connection)
            PQfinish(connection)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        // libpq prints notices (e.g. "relation already exists, skipping") to stderr by default.
        notices.install(on: connection)
        statements.removeAll()
        handle = connection
        generation += 1
        for channel in listenedChannels {
            let result = PQexec(connection, "LISTEN " + PostgresQuery.quoteIdentifier(channel))
            _ = try checked(result, on: connection, sql: nil)
        }
        return connection
    }

    static func errorMessage(of connection: OpaquePointer) -> String {
        var text = String(cString: PQerrorMessage(connection))
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// Without a round trip: reads whatever the server sent while we were idle. A server that shut
    /// down, crashed or terminated this session has sent a FATAL message and/or closed the socket.
    private func looksAlive(_ connection: OpaquePointer) -> Bool {
        let socket = PQsocket(connection)
        guard socket >= 0 else { return false }
        for _ in 0..<8 {
            guard (try? SocketPoll.waitForInput(socket, milliseconds: 0)) == true else { break }
            if PQconsumeInput(connection) == 0 { return false }
        }
        _ = PQisBusy(connection)  // parses what arrived: notifications are queued, errors become notices
        return PQstatus(connection) == CONNECTION_OK && !notices.serverClosingSession
    }
}
