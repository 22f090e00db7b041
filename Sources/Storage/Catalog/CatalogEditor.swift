public import Domain
public import Postgres

/// Staff edits of the catalog (issue 13 item 6), in the caller's transaction: the row is locked, changed, and its
/// before/after image appended to `catalog_changes` with actor and request id (`sql/0075_catalog_changes.sql`).
/// The catalog tables' trigger then bumps the version: workers reload, the page cache is purged.
public struct CatalogEditor {
    /// The connection (a transaction).
    public let connection: PostgresConnection

    /// An editor on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Applies `edit`; false when no such item exists. Returns true without a new version when nothing changed.
    public func apply(_ edit: CatalogItemEdit, actor: UserID, requestID: String) throws -> Bool {
        let table = edit.kind == .package ? "catalog_packages" : "catalog_addons"
        let rows = try connection.query(
            """
            WITH old AS (SELECT to_jsonb(t) AS image FROM \(unescaped: table) t WHERE id = \(edit.id) FOR UPDATE),
            changed AS (
                UPDATE \(unescaped: table) SET name_de = \(edit.name.de), name_en = \(edit.name.en),
                    description_de = \(edit.description.de), description_en = \(edit.description.en),
                    net_cents = \(edit.netCents), active = \(edit.isActive)
                WHERE id = \(edit.id) AND (name_de, name_en, description_de, description_en, net_cents, active)
                    IS DISTINCT FROM (\(edit.name.de), \(edit.name.en), \(edit.description.de),
                        \(edit.description.en), \(edit.netCents)::int8, \(edit.isActive))
                RETURNING to_jsonb(\(unescaped: table).*) AS image
            ),
            logged AS (
                INSERT INTO catalog_changes (item_kind, item_id, before, after, actor, request_id)
                SELECT \(edit.kind.rawValue), \(edit.id), old.image, changed.image, \(actor)::uuid, \(requestID)
                FROM old, changed RETURNING id
            )
            SELECT (SELECT count(*) FROM old)::int8 AS found, (SELECT count(*) FROM logged)::int8 AS logged
            """)
        return try rows[0].int("found") == 1
    }

    /// How many versions of the item were recorded.
    public func changes(kind: CatalogItemEdit.Kind, id: String) throws -> Int {
        try connection.query(
            "SELECT count(*)::int8 AS n FROM catalog_changes WHERE item_kind = \(kind.rawValue) AND item_id = \(id)"
        )[0].int("n")
    }
}
