/// How the migration files compare with what a database has recorded in `schema_migrations`.
public struct MigrationStatus: Sendable, Hashable {
    /// The state of one migration.
    public enum State: String, Sendable, Hashable {
        /// Recorded, and the file is unchanged.
        case applied
        /// The file exists but is not recorded yet.
        case pending
        /// Recorded, but the file's checksum differs from the recorded one.
        case changed
        /// Recorded, but there is no file any more.
        case missing
    }

    /// One migration: a file, a record, or both.
    public struct Entry: Sendable, Hashable {
        /// The file name (`0001_billing_products.sql`).
        public var name: String
        /// Its state.
        public var state: State
        /// The file's SHA-256 (hex); nil when the file is missing.
        public var checksum: String?
        /// When it was applied (server text form of `applied_at`); nil when pending.
        public var appliedAt: String?
    }

    /// Every migration, files in number order followed by records without a file.
    public var entries: [Entry]

    /// The names of files not applied yet, in order.
    public var pending: [String] { entries.filter { $0.state == .pending }.map(\.name) }
    /// The entries that make ``Migrator/verify(_:)`` and ``Migrator/migrate(_:)`` refuse: changed or missing.
    public var problems: [Entry] { entries.filter { $0.state == .changed || $0.state == .missing } }
    /// True when every file is applied and nothing is wrong.
    public var isUpToDate: Bool { entries.allSatisfy { $0.state == .applied } }
}
