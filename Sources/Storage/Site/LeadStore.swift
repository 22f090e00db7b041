import Foundation
public import Postgres

/// Leads from the contact form for the back office (issue 13 item 6): the newest first, filtered by status, and
/// the status staff set. The App checks the admin role and audits the change.
public struct LeadStore {
    /// The connection (or transaction).
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Leads newest first (`status` nil: all), at most `limit` (1…200) after `offset`.
    public func leads(status: Lead.Status?, limit: Int = 50, offset: Int = 0) throws -> [Lead] {
        let rows = try connection.query(
            """
            SELECT id, name, company, email, phone, message, language, status,
                   extract(epoch FROM received_at)::float8 AS received
            FROM contact_requests WHERE true\(and: "status = $", status?.rawValue)
            ORDER BY received_at DESC, id DESC LIMIT \(min(max(limit, 1), 200)) \(offset: offset)
            """)
        return try rows.map { row in
            Lead(
                id: try row.int("id"), name: try row.string("name"), company: try row.string("company"),
                email: try row.string("email"), phone: try row.optionalString("phone"),
                message: try row.string("message"), language: try row.string("language"),
                status: Lead.Status(rawValue: try row.string("status")) ?? .new,
                receivedAt: Date(timeIntervalSince1970: try row.double("received")))
        }
    }

    /// Sets lead `id`'s status; the status before, or nil when there is no such lead.
    public func setStatus(id: Int, to status: Lead.Status) throws -> Lead.Status? {
        let rows = try connection.query(
            """
            UPDATE contact_requests c SET status = \(status.rawValue), status_changed_at = now()
            FROM contact_requests old WHERE c.id = \(id) AND old.id = c.id RETURNING old.status AS previous
            """)
        return try rows.first.flatMap { Lead.Status(rawValue: try $0.string("previous")) }
    }
}
