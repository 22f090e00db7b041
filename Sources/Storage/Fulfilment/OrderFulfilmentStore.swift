public import Domain
import Foundation
public import Postgres

/// The fulfilment of paid orders (issue 13 item 4, `sql/0074_order_fulfilment.sql`): the current status and
/// assignee per order, and the append-only history of steps, assignments and notes. The App checks the staff
/// role and applies ``FulfilmentTransition``; writes happen in the caller's transaction.
public struct OrderFulfilmentStore {
    /// The connection (or transaction) to run on.
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Orders newest first for staff, filtered by fulfilment status and company; `limit` 1…200 after `offset`.
    public func summaries(
        status: FulfilmentStatus?, companyID: String?, limit: Int = 50, offset: Int = 0
    ) throws -> [OrderSummary] {
        let rows = try connection.query(
            """
            SELECT o.id, o.company_id, c.name, o.package_id, o.amount_cents, o.currency, o.status AS order_status,
                   f.status AS fulfilment, u.email AS assignee, extract(epoch FROM o.created_at)::float8 AS created
            FROM orders o JOIN companies c ON c.id = o.company_id
            LEFT JOIN order_fulfilment f ON f.order_id = o.id LEFT JOIN users u ON u.id = f.assignee
            WHERE true\(and: "f.status = $", status?.rawValue)\(and: "o.company_id = $::uuid", companyID)
            ORDER BY o.created_at DESC, o.id LIMIT \(min(max(limit, 1), 200)) \(offset: offset)
            """)
        return try rows.map { row in
            OrderSummary(
                id: try row.string("id"), companyID: try row.string("company_id"), companyName: try row.string("name"),
                packageID: try row.string("package_id"), amountCents: try row.int("amount_cents"),
                currency: try row.string("currency"), orderStatus: try row.string("order_status"),
                fulfilment: try row.optionalString("fulfilment").flatMap(FulfilmentStatus.init(rawValue:)),
                assignee: try row.optionalString("assignee"),
                created: Date(timeIntervalSince1970: try row.double("created")))
        }
    }

    /// The fulfilment status and assignee of `orderID`, locked for the caller's transaction; nil when the order
    /// is not paid (no fulfilment).
    public func lock(orderID: String) throws -> (status: FulfilmentStatus, assignee: String?)? {
        guard UUIDText.isValid(orderID) else { return nil }
        let rows = try connection.query(
            "SELECT status, assignee FROM order_fulfilment WHERE order_id = \(orderID)::uuid FOR UPDATE")
        guard let row = rows.first, let status = FulfilmentStatus(rawValue: try row.string("status")) else {
            return nil
        }
        return (status, try row.optionalString("assignee"))
    }

    /// The fulfilment status of `orderID` (nil when not paid).
    public func status(orderID: String) throws -> FulfilmentStatus? {
        guard UUIDText.isValid(orderID) else { return nil }
        let rows = try connection.query("SELECT status FROM order_fulfilment WHERE order_id = \(orderID)::uuid")
        return try rows.first.flatMap { FulfilmentStatus(rawValue: try $0.string("status")) }
    }

    /// Moves `orderID` from `from` to `to` (the caller locked it) and records the step with `note`.
    public func step(
        orderID: String, from: FulfilmentStatus, to: FulfilmentStatus, note: String?, actor: UserID,
        requestID: String
    ) throws {
        try connection.execute(
            """
            UPDATE order_fulfilment SET status = \(to.rawValue), updated_at = now()
            WHERE order_id = \(orderID)::uuid AND status = \(from.rawValue)
            """)
        try connection.execute(
            """
            INSERT INTO order_fulfilment_events (order_id, kind, from_status, to_status, note, actor, request_id)
            VALUES (\(orderID)::uuid, 'status', \(from.rawValue), \(to.rawValue), \(note), \(actor)::uuid, \(requestID))
            """)
    }

    /// Assigns `orderID` to the staff user `assignee` (nil: nobody) and records it; false when `assignee` is no
    /// staff member of the operator company.
    public func assign(orderID: String, assignee: UserID?, actor: UserID, requestID: String) throws -> Bool {
        if let assignee {
            guard UUIDText.isValid(assignee.rawValue) else { return false }
            let staff = try connection.query(
                """
                SELECT 1 FROM memberships m JOIN companies c ON c.id = m.company_id JOIN users u ON u.id = m.user_id
                WHERE m.user_id = \(assignee)::uuid AND c.is_operator AND u.disabled_at IS NULL
                """)
            guard !staff.isEmpty else { return false }
        }
        try connection.execute(
            "UPDATE order_fulfilment SET assignee = \(assignee)::uuid, updated_at = now() WHERE order_id = \(orderID)::uuid"
        )
        try connection.execute(
            """
            INSERT INTO order_fulfilment_events (order_id, kind, assignee, actor, request_id)
            VALUES (\(orderID)::uuid, 'assign', \(assignee)::uuid, \(actor)::uuid, \(requestID))
            """)
        return true
    }

    /// Adds a staff note to `orderID`.
    public func addNote(orderID: String, note: String, actor: UserID, requestID: String) throws {
        try connection.execute(
            """
            INSERT INTO order_fulfilment_events (order_id, kind, note, actor, request_id)
            VALUES (\(orderID)::uuid, 'note', \(note), \(actor)::uuid, \(requestID))
            """)
    }

    /// The history of `orderID`, oldest first.
    public func events(orderID: String) throws -> [FulfilmentEventRecord] {
        guard UUIDText.isValid(orderID) else { return [] }
        let rows = try connection.query(
            """
            SELECT e.kind, e.from_status, e.to_status, a.email AS assignee, e.note, u.email AS actor,
                   extract(epoch FROM e.created_at)::float8 AS at
            FROM order_fulfilment_events e LEFT JOIN users a ON a.id = e.assignee LEFT JOIN users u ON u.id = e.actor
            WHERE e.order_id = \(orderID)::uuid ORDER BY e.id
            """)
        return try rows.map { row in
            FulfilmentEventRecord(
                kind: try row.string("kind"), fromStatus: try row.optionalString("from_status"),
                toStatus: try row.optionalString("to_status"), assignee: try row.optionalString("assignee"),
                note: try row.optionalString("note"), actor: try row.optionalString("actor"),
                at: Date(timeIntervalSince1970: try row.double("at")))
        }
    }

    /// The staff members (operator company, enabled) orders can be assigned to: id and e-mail address.
    public func staff() throws -> [(id: String, email: String)] {
        try connection.query(
            """
            SELECT u.id, u.email FROM memberships m JOIN companies c ON c.id = m.company_id
            JOIN users u ON u.id = m.user_id WHERE c.is_operator AND u.disabled_at IS NULL ORDER BY u.email
            """
        ).map { (try $0.string("id"), try $0.string("email")) }
    }
}

extension OrderFulfilmentStore {
    /// The purchase whose payment the order's invoice records (the one to refund on cancellation), if invoiced.
    public func invoicedPurchase(orderID: String) throws -> String? {
        guard UUIDText.isValid(orderID) else { return nil }
        return try connection.query(
            """
            SELECT purchase_id FROM invoices WHERE order_id = \(orderID)::uuid AND kind = 'invoice'
              AND purchase_id IS NOT NULL
            """
        ).first?.string("purchase_id")
    }
}
