public import Domain
import Postgres

extension CatalogEditor {
    /// What ``create(_:plan:actor:requestID:)`` did.
    public enum Creation: Sendable, Hashable {
        /// Stored, versioned (a `catalog_changes` row without a before image) and — monthly items — a plan with
        /// its first list price version.
        case created
        /// A package, add-on or credit pack already has this id (ids are unique across all three).
        case idTaken
    }

    /// Creates `item` (already validated: `item.validate()` is empty) in the caller's transaction. A monthly
    /// package or add-on also becomes a plan whose first list price is `plan` (its base fee should be the item's
    /// price). The catalog's version trigger reloads the workers and purges the public page cache.
    public func create(_ item: NewCatalogItem, plan: PlanPrice?, actor: UserID, requestID: String) throws -> Creation {
        let taken = try connection.query(
            """
            SELECT (EXISTS (SELECT 1 FROM catalog_packages WHERE id = \(item.id))
                OR EXISTS (SELECT 1 FROM catalog_addons WHERE id = \(item.id))
                OR EXISTS (SELECT 1 FROM billing_products WHERE id = \(item.id))) AS taken
            """)[0].bool("taken")
        if taken { return .idTaken }
        do {
            try connection.execute("SAVEPOINT catalog_create")
            let image: String
            switch item.kind {
            case .package:
                image = try connection.query(
                    """
                    INSERT INTO catalog_packages AS t (id, name_de, name_en, description_de, description_en, net_cents,
                        "interval", sort)
                    VALUES (\(item.id), \(item.name.de), \(item.name.en), \(item.description.de),
                        \(item.description.en), \(item.netCents), \(item.interval.rawValue),
                        (SELECT coalesce(max(sort), 0) + 10 FROM catalog_packages))
                    RETURNING to_jsonb(t)::text AS image
                    """)[0].string("image")
            case .addon:
                image = try connection.query(
                    """
                    INSERT INTO catalog_addons AS t (id, name_de, name_en, description_de, description_en, net_cents,
                        "interval", max_quantity, sort)
                    VALUES (\(item.id), \(item.name.de), \(item.name.en), \(item.description.de),
                        \(item.description.en), \(item.netCents), \(item.interval.rawValue), \(item.maxQuantity),
                        (SELECT coalesce(max(sort), 0) + 10 FROM catalog_addons))
                    RETURNING to_jsonb(t)::text AS image
                    """)[0].string("image")
            case .creditPack:
                image = try connection.query(
                    """
                    INSERT INTO billing_products AS t (id, credits, net_cents, name_de, name_en, sort)
                    VALUES (\(item.id), \(item.credits), \(item.netCents), \(item.name.de), \(item.name.en),
                        (SELECT coalesce(max(sort), 0) + 10 FROM billing_products))
                    RETURNING to_jsonb(t)::text AS image
                    """)[0].string("image")
            }
            if item.kind != .creditPack, item.interval == .monthly {
                let column = item.kind == .package ? "package_id" : "addon_id"
                try connection.execute(
                    "INSERT INTO plans (id, \(unescaped: column)) VALUES (\(item.id), \(item.id))")
                if let plan {
                    try PlanPriceStore(connection: connection).addListVersion(plan, createdBy: actor.rawValue)
                }
            }
            try connection.execute(
                """
                INSERT INTO catalog_changes (item_kind, item_id, before, after, actor, request_id)
                VALUES (\(item.kind.rawValue), \(item.id), NULL, \(image)::jsonb, \(actor)::uuid, \(requestID))
                """)
            try connection.execute("RELEASE SAVEPOINT catalog_create")
        } catch let error as PostgresError where error.isUniqueViolation {
            // Another request created the same id between the check and the insert.
            try connection.execute("ROLLBACK TO SAVEPOINT catalog_create")
            return .idTaken
        }
        return .created
    }

    /// Makes the item orderable or not (deactivation keeps the row: old orders, invoices and subscriptions still
    /// name it); versioned like an edit. False when no such item exists; true without a version when unchanged.
    public func setActive(
        kind: NewCatalogItem.Kind, id: String, active: Bool, actor: UserID, requestID: String
    ) throws -> Bool {
        let table: String
        switch kind {
        case .package: table = "catalog_packages"
        case .addon: table = "catalog_addons"
        case .creditPack: table = "billing_products"
        }
        let rows = try connection.query(
            """
            WITH old AS (SELECT to_jsonb(t) AS image FROM \(unescaped: table) t WHERE id = \(id) FOR UPDATE),
            changed AS (
                UPDATE \(unescaped: table) SET active = \(active) WHERE id = \(id) AND active <> \(active)
                RETURNING to_jsonb(\(unescaped: table).*) AS image
            ),
            logged AS (
                INSERT INTO catalog_changes (item_kind, item_id, before, after, actor, request_id)
                SELECT \(kind.rawValue), \(id), old.image, changed.image, \(actor)::uuid, \(requestID)
                FROM old, changed RETURNING id
            )
            SELECT (SELECT count(*) FROM old)::int8 AS found
            """)
        return try rows[0].int("found") == 1
    }

    /// Changes a credit pack's names, credits, price and whether it is sold; versioned like a package edit.
    /// False when there is no such pack; true without a version when nothing changed.
    public func applyCreditPack(
        id: String, name: LocalizedText, credits: Int, netCents: Int, isActive: Bool, actor: UserID,
        requestID: String
    ) throws -> Bool {
        let rows = try connection.query(
            """
            WITH old AS (SELECT to_jsonb(t) AS image FROM billing_products t WHERE id = \(id) FOR UPDATE),
            changed AS (
                UPDATE billing_products SET name_de = \(name.de), name_en = \(name.en), credits = \(credits),
                    net_cents = \(netCents), active = \(isActive)
                WHERE id = \(id) AND (name_de, name_en, credits, net_cents, active)
                    IS DISTINCT FROM (\(name.de), \(name.en), \(credits)::int4, \(netCents)::int8, \(isActive))
                RETURNING to_jsonb(billing_products.*) AS image
            ),
            logged AS (
                INSERT INTO catalog_changes (item_kind, item_id, before, after, actor, request_id)
                SELECT 'credit_pack', \(id), old.image, changed.image, \(actor)::uuid, \(requestID)
                FROM old, changed RETURNING id
            )
            SELECT (SELECT count(*) FROM old)::int8 AS found
            """)
        return try rows[0].int("found") == 1
    }
}
