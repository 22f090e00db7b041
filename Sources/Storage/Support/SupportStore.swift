public import Domain
import Foundation
public import Postgres

/// Support requests and their threads (issue 13 item 7, `sql/0140_support_requests.sql`). Every read a client
/// makes names the company (another company's request is simply not found); staff pass `companyID: nil`. Writes
/// happen in the caller's transaction; the App applies ``SupportTransition`` to the locked row.
public struct SupportStore {
    /// The connection (or transaction) to run on.
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// What a new request refers to.
    public enum Reference: Sendable, Hashable {
        /// One of the company's orders.
        case order(String)
        /// One of the company's invoices (or corrections).
        case invoice(String)
    }

    /// Whether `reference` exists and belongs to `companyID`.
    public func belongs(_ reference: Reference, to companyID: String) throws -> Bool {
        guard UUIDText.isValid(companyID) else { return false }
        let rows: PostgresRows
        switch reference {
        case .order(let id):
            guard UUIDText.isValid(id) else { return false }
            rows = try connection.query(
                "SELECT 1 FROM orders WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid")
        case .invoice(let id):
            guard UUIDText.isValid(id) else { return false }
            rows = try connection.query(
                "SELECT 1 FROM invoices WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid")
        }
        return rows.first != nil
    }

    /// Inserts a request in OPEN with its first message by `userID`; the caller checked the text and the reference.
    public func open(
        companyID: String, userID: String, subject: String, body: String, language: Language, reference: Reference?
    ) throws -> (request: String, message: Int) {
        var orderID: String?
        var invoiceID: String?
        switch reference {
        case .order(let id)?: orderID = id
        case .invoice(let id)?: invoiceID = id
        case nil: break
        }
        let id = try connection.query(
            """
            INSERT INTO support_requests (company_id, opened_by, subject, order_id, invoice_id, language)
            VALUES (\(companyID)::uuid, \(userID)::uuid, \(subject), \(orderID)::uuid, \(invoiceID)::uuid,
                    \(language.rawValue))
            RETURNING id::text AS id
            """)[0].string("id")
        let message = try add(requestID: id, author: userID, fromStaff: false, body: body)
        return (id, message)
    }

    /// Appends a message to request `requestID`.
    public func add(requestID: String, author: String, fromStaff: Bool, body: String) throws -> Int {
        try connection.query(
            """
            INSERT INTO support_messages (request_id, author, from_staff, body)
            VALUES (\(requestID)::uuid, \(author)::uuid, \(fromStaff), \(body)) RETURNING id
            """)[0].int("id")
    }

    /// Sets the status of request `id` (the caller locked it); `closed_at` follows the status.
    public func setStatus(id: String, to status: SupportStatus) throws {
        try connection.execute(
            """
            UPDATE support_requests SET status = \(status.rawValue), updated_at = now(),
                closed_at = CASE WHEN \(status.rawValue) = 'CLOSED' THEN now() END
            WHERE id = \(id)::uuid
            """)
    }

    /// The status of request `id`, locked for the caller's transaction; nil when there is no such request of
    /// `companyID` (nil: of any company).
    public func lock(id: String, companyID: String?) throws -> SupportStatus? {
        guard UUIDText.isValid(id), companyID.map(UUIDText.isValid) ?? true else { return nil }
        let rows = try connection.query(
            """
            SELECT status FROM support_requests
            WHERE id = \(id)::uuid\(and: "company_id = $::uuid", companyID) FOR UPDATE
            """)
        return try rows.first.flatMap { SupportStatus(rawValue: try $0.string("status")) }
    }

    /// Request `id` of `companyID` (nil: of any company).
    public func request(id: String, companyID: String?) throws -> SupportRequestRecord? {
        guard UUIDText.isValid(id) else { return nil }
        return try records(id: id, companyID: companyID, status: nil, limit: 1, offset: 0).first
    }

    /// Requests most recently active first, of `companyID` (nil: every company), with `status` (nil: all),
    /// at most `limit` (1…200) after `offset`.
    public func requests(
        companyID: String?, status: SupportStatus?, limit: Int = 50, offset: Int = 0
    ) throws -> [SupportRequestRecord] {
        try records(id: nil, companyID: companyID, status: status, limit: limit, offset: offset)
    }

    /// How many requests wait for staff (OPEN), for the back office's navigation.
    public func openCount() throws -> Int {
        try connection.query("SELECT count(*)::bigint AS n FROM support_requests WHERE status = 'OPEN'")[0].int("n")
    }

    /// The thread of request `requestID`, oldest first.
    public func messages(requestID: String) throws -> [SupportMessageRecord] {
        guard UUIDText.isValid(requestID) else { return [] }
        let rows = try connection.query(
            """
            SELECT m.id, m.request_id::text AS request_id, m.author::text AS author, u.email, m.from_staff, m.body,
                   extract(epoch FROM m.created_at)::float8 AS created
            FROM support_messages m LEFT JOIN users u ON u.id = m.author
            WHERE m.request_id = \(requestID)::uuid ORDER BY m.id
            """)
        return try rows.map { row in
            SupportMessageRecord(
                id: try row.int("id"), requestID: try row.string("request_id"),
                author: try row.optionalString("author"),
                authorEmail: try row.optionalString("email"), fromStaff: try row.bool("from_staff"),
                body: try row.string("body"), created: Date(timeIntervalSince1970: try row.double("created")))
        }
    }

    private func records(
        id: String?, companyID: String?, status: SupportStatus?, limit: Int, offset: Int
    ) throws -> [SupportRequestRecord] {
        guard companyID.map(UUIDText.isValid) ?? true else { return [] }
        let query: PostgresQuery = """
            SELECT r.id::text AS id, r.company_id::text AS company_id, c.name AS company_name,
                   r.opened_by::text AS opened_by, u.email AS opener_email, r.subject, r.status,
                   r.order_id::text AS order_id, r.invoice_id::text AS invoice_id, i.number AS invoice_number,
                   r.language, extract(epoch FROM r.created_at)::float8 AS created,
                   extract(epoch FROM r.updated_at)::float8 AS updated,
                   extract(epoch FROM r.closed_at)::float8 AS closed,
                   (SELECT count(*) FROM support_messages m WHERE m.request_id = r.id)::bigint AS messages
            FROM support_requests r JOIN companies c ON c.id = r.company_id
            LEFT JOIN users u ON u.id = r.opened_by LEFT JOIN invoices i ON i.id = r.invoice_id
            WHERE true\(and: "r.id = $::uuid", id)\(and: "r.company_id = $::uuid", companyID)\
            \(and: "r.status = $", status?.rawValue)
            ORDER BY r.updated_at DESC, r.id LIMIT \(min(max(limit, 1), 200)) \(offset: offset)
            """
        return try connection.query(query).map { row in
            SupportRequestRecord(
                id: try row.string("id"), companyID: try row.string("company_id"),
                companyName: try row.string("company_name"), openedBy: try row.optionalString("opened_by"),
                openerEmail: try row.optionalString("opener_email"), subject: try row.string("subject"),
                status: SupportStatus(rawValue: try row.string("status")) ?? .open,
                orderID: try row.optionalString("order_id"), invoiceID: try row.optionalString("invoice_id"),
                invoiceNumber: try row.optionalString("invoice_number"),
                language: Language(rawValue: try row.string("language")) ?? .de,
                created: Date(timeIntervalSince1970: try row.double("created")),
                updated: Date(timeIntervalSince1970: try row.double("updated")),
                closed: try row.optionalDouble("closed").map { Date(timeIntervalSince1970: $0) },
                messageCount: try row.int("messages"))
        }
    }
}
