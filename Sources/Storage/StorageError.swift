public import Postgres

/// The one error type of the Storage module.
///
/// ``description`` is safe to show (code, migration file name, a message without SQL or values);
/// ``debugDescription`` adds the underlying ``PostgresError``'s details.
public struct StorageError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String

        /// A `.sql` file's name does not match `^[0-9]{4}_[a-z0-9_]+\.sql$`.
        public static let badMigrationName = Code(name: "badMigrationName")
        /// Two files share a migration number.
        public static let duplicateMigrationNumber = Code(name: "duplicateMigrationNumber")
        /// An applied migration file's content changed (its checksum differs from the recorded one).
        public static let migrationChanged = Code(name: "migrationChanged")
        /// A migration recorded as applied has no file any more.
        public static let migrationMissing = Code(name: "migrationMissing")
        /// A migration file failed to apply; it was rolled back and not recorded.
        public static let migrationFailed = Code(name: "migrationFailed")
        /// The migrations directory or a file in it could not be read.
        public static let migrationsUnreadable = Code(name: "migrationsUnreadable")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The migration file concerned, if any (e.g. `0001_billing_products.sql`).
    public var migration: String?
    /// A human explanation naming the files involved; never SQL text or values.
    public var message: String
    /// The database error behind it, if any.
    public var underlying: PostgresError?

    /// Creates an error.
    public init(code: Code, migration: String? = nil, message: String, underlying: PostgresError? = nil) {
        self.code = code
        self.migration = migration
        self.message = message
        self.underlying = underlying
    }

    /// Safe to show: the code, the file and the message, plus the underlying error's safe description.
    public var description: String {
        var text = "StorageError(code: \(code)"
        if let migration { text += ", migration: \(migration)" }
        text += ", message: \(message)"
        if let underlying { text += ", underlying: \(underlying)" }
        return text + ")"
    }

    /// Everything, including the underlying database error's details.
    public var debugDescription: String {
        var text = description
        if let underlying { text += " " + underlying.debugDescription }
        return text
    }
}
