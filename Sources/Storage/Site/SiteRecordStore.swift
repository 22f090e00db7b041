public import Postgres

/// The site's records: contact requests (`contact_requests`, 0006) and consent decisions (`consent_records`,
/// 0002: version, time and choices, as the GDPR's accountability asks).
public struct SiteRecordStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores a contact request; returns its id.
    @discardableResult
    public func storeContactRequest(
        name: String, company: String, email: String, phone: String?, message: String, language: String, ip: String?
    ) throws -> Int {
        try connection.query(
            """
            INSERT INTO contact_requests (name, company, email, phone, message, language, ip)
            VALUES (\(name), \(company), \(email), \(phone), \(message), \(language), \(ip))
            RETURNING id
            """)[0].int("id")
    }

    /// Records a consent decision of the browser `subject` (a random id kept in the consent cookie).
    public func recordConsent(subject: String, version: String, language: String, purposes: [String]) throws {
        try connection.execute(
            """
            INSERT INTO consent_records (subject, version, language, purposes)
            VALUES (\(subject), \(version), \(language), string_to_array(\(purposes.joined(separator: ",")), ',', ''))
            """)
    }

    /// The contact requests, newest first (for tests and operators).
    public func contactRequests(limit: Int = 50) throws -> [(id: Int, email: String, message: String)] {
        try connection.query(
            "SELECT id, email, message FROM contact_requests ORDER BY received_at DESC, id DESC LIMIT \(limit)"
        ).map { (try $0.int("id"), try $0.string("email"), try $0.string("message")) }
    }
}
