public import Domain
public import Foundation
public import Postgres
public import Signing

/// Companies, users and memberships: registration, staff accounts, look-ups and role changes.
///
/// Every method that writes also appends its audit entry in the same transaction.
public struct AccountStore {
    /// The connection used.
    public let connection: PostgresConnection
    /// The scrypt parameters for new password hashes (tests use cheap ones).
    public let passwordParameters: PasswordHash.Parameters

    /// The name the operator company (staff accounts' company) is created with.
    public static let operatorCompanyName = "German Code Zero AI"

    /// A store on `connection` that hashes new passwords with `passwordParameters`.
    public init(connection: PostgresConnection, passwordParameters: PasswordHash.Parameters = .default) {
        self.connection = connection
        self.passwordParameters = passwordParameters
    }

    /// Creates the company and its first user, the owner with role `client`, in one transaction.
    /// A taken e-mail (ignoring case) writes nothing and answers ``RegistrationOutcome/emailTaken``.
    /// `referralCode`, when given, attributes the new company to that code's owner in the same transaction (an
    /// unknown or self-referring code is ignored: ``ReferralStore/isAttributed(referredCompanyID:)`` tells).
    /// `inTransaction` runs inside the registering transaction with the new account (e.g. to enqueue the
    /// verification mail, which then exists exactly when the account does).
    public func register(
        _ registration: Registration, ip: String?, referralCode: ReferralCode? = nil,
        inTransaction: (PostgresConnection, Account) throws -> Void = { _, _ in }
    ) throws -> RegistrationOutcome {
        // The hash first, also for a taken address: both answers take the same time (no account enumeration).
        let hash = try hashPassword(registration.password)
        if try user(email: registration.email) != nil { return .emailTaken }
        let address = registration.billingAddress
        do {
            return try connection.transaction { db in
                let companyRow = try db.query(
                    """
                    INSERT INTO companies (name, country, vat_id, street, extra, postal_code, city)
                    VALUES (\(registration.companyName), \(registration.country.code), \(registration.vatId?.value),
                            \(address.street), \(address.extra), \(address.postalCode), \(address.city))
                    RETURNING \(unescaped: Company.columns)
                    """)[0]
                let company = try Company(row: companyRow)
                let account = try insertUser(
                    db, email: registration.email, hash: hash, company: company.id, role: .client, owner: true)
                try AuditLog(connection: db).append(
                    AuditEntry(
                        actor: account.id, companyID: company.id, action: .register, target: company.id.rawValue,
                        ip: ip, outcome: .success, details: ["country": company.country]))
                if let referralCode {
                    try ReferralStore(connection: db).attribute(
                        referredCompanyID: company.id.rawValue, code: referralCode)
                }
                let registered = Account(
                    user: account, company: company,
                    membership: Membership(userID: account.id, companyID: company.id, role: .client, isOwner: true))
                try inTransaction(db, registered)
                return .registered(registered)
            }
        } catch let error as PostgresError where error.isUniqueViolation && error.constraintName == "users_email_lower"
        {
            return .emailTaken
        }
    }

    /// Creates a staff user (`finance` or `admin`) in the operator company, which is created on first use.
    /// `actor` is the admin doing it, `nil` from the command line.
    public func createStaffUser(
        email: EmailAddress, password: String, role: Role, actor: UserID? = nil, ip: String? = nil,
        policy: PasswordPolicy = .standard
    ) throws -> StaffCreationOutcome {
        guard role.isStaff else { return .notAStaffRole }
        if let rejection = policy.check(password, email: email) { return .weakPassword(rejection) }
        if try user(email: email) != nil { return .emailTaken }
        let hash = try hashPassword(password)
        do {
            return try connection.transaction { db in
                try db.execute(
                    """
                    INSERT INTO companies (name, country, is_operator) VALUES (\(Self.operatorCompanyName), 'DE', true)
                    ON CONFLICT ((true)) WHERE is_operator DO NOTHING
                    """)
                let company = try Company(
                    row: db.query("SELECT \(unescaped: Company.columns) FROM companies WHERE is_operator")[0])
                let user = try insertUser(db, email: email, hash: hash, company: company.id, role: role, owner: false)
                try AuditLog(connection: db).append(
                    AuditEntry(
                        actor: actor, companyID: company.id, action: .staffCreate, target: user.id.rawValue, ip: ip,
                        outcome: .success, details: ["role": role.rawValue]))
                return .created(
                    Account(
                        user: user, company: company,
                        membership: Membership(userID: user.id, companyID: company.id, role: role, isOwner: false)))
            }
        } catch let error as PostgresError where error.isUniqueViolation && error.constraintName == "users_email_lower"
        {
            return .emailTaken
        }
    }

    /// The user with this e-mail address (ignoring case).
    public func user(email: EmailAddress) throws -> UserAccount? {
        let rows = try connection.query(
            "SELECT \(unescaped: UserAccount.columns) FROM users WHERE lower(email) = \(email.normalized)")
        return try rows.first.map(UserAccount.init(row:))
    }

    /// The user with this id (a malformed id finds nothing).
    public func user(id: UserID) throws -> UserAccount? {
        guard UUIDText.isValid(id.rawValue) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: UserAccount.columns) FROM users WHERE id = \(id)::uuid")
        return try rows.first.map(UserAccount.init(row:))
    }

    /// The user's memberships, oldest first; the first is the one a login acts for.
    public func memberships(of userID: UserID) throws -> [Membership] {
        guard UUIDText.isValid(userID.rawValue) else { return [] }
        let rows = try connection.query(
            """
            SELECT user_id, company_id, role, is_owner FROM memberships WHERE user_id = \(userID)::uuid
            ORDER BY created_at, company_id
            """)
        return try rows.map(Membership.init(row:))
    }

    /// The user's account acting for their first company, or `nil` when the user or a membership is missing.
    public func account(of userID: UserID) throws -> Account? {
        guard let user = try user(id: userID), let membership = try memberships(of: userID).first,
            let company = try company(id: membership.companyID)
        else { return nil }
        return Account(user: user, company: company, membership: membership)
    }

    /// The principal's own company (tenant-scoped: there is no way to read another company here).
    public func company(of principal: Principal) throws -> Company? {
        try company(id: principal.companyID)
    }

    /// The members of the principal's company (tenant-scoped).
    public func members(of principal: Principal) throws -> [Membership] {
        let rows = try connection.query(
            """
            SELECT user_id, company_id, role, is_owner FROM memberships
            WHERE company_id = \(principal.companyID)::uuid ORDER BY created_at, user_id
            """)
        return try rows.map(Membership.init(row:))
    }

    /// Every company, oldest first, for `GET /api/v1/admin/companies` (the App checks the admin role and
    /// audits the call): at most `limit` (1…500) after skipping `offset`.
    public func companies(limit: Int = 50, offset: Int = 0) throws -> [Company] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Company.columns) FROM companies ORDER BY companies.created_at, companies.id
            LIMIT \(min(max(limit, 1), 500)) \(offset: offset)
            """)
        return try rows.map(Company.init(row:))
    }

    /// Changes the role of `userID` in `companyID`, audited as `role.change` by `actor` (the App checks that
    /// the actor is an admin). Staff roles exist only in the operator company and `client` only in buying
    /// companies (the database enforces it too). Returns `false`, and audits a failure, when there is no
    /// such membership or the role does not belong in that company.
    public func changeRole(
        of userID: UserID, in companyID: CompanyID, to role: Role, by actor: Principal, ip: String?,
        requestID: String? = nil
    ) throws -> Bool {
        guard UUIDText.isValid(userID.rawValue), UUIDText.isValid(companyID.rawValue) else {
            try AuditLog(connection: connection).append(
                AuditEntry(
                    by: actor, action: .roleChange, target: userID.rawValue, ip: ip, outcome: .failure,
                    details: requestID.map { ["request_id": $0] } ?? [:]))
            return false
        }
        return try connection.transaction { db in
            let rows = try db.query(
                """
                UPDATE memberships m SET role = \(role.rawValue) FROM memberships old, companies c
                WHERE m.user_id = \(userID)::uuid AND m.company_id = \(companyID)::uuid
                  AND old.user_id = m.user_id AND old.company_id = m.company_id
                  AND c.id = m.company_id AND c.is_operator = \(role.isStaff)
                RETURNING old.role AS previous
                """)
            let previous = try rows.first?.string("previous")
            try AuditLog(connection: db).append(
                AuditEntry(
                    by: actor, action: .roleChange, target: userID.rawValue, ip: ip,
                    outcome: previous == nil ? .failure : .success,
                    details: [
                        "company": companyID.rawValue, "from": previous ?? "", "to": role.rawValue,
                        "request_id": requestID ?? "",
                    ]))
            return previous != nil
        }
    }

    /// Disables a user and revokes all their sessions and API tokens (ASVS 7.4.2), audited.
    /// Returns `false` when there is no such enabled user.
    public func disable(
        _ userID: UserID, by actor: Principal?, ip: String?, now: Date, requestID: String? = nil
    ) throws -> Bool {
        guard UUIDText.isValid(userID.rawValue) else { return false }
        let at = Timestamp.seconds(now)
        return try connection.transaction { db in
            let changed = try db.execute(
                "UPDATE users SET disabled_at = to_timestamp(\(at)) WHERE id = \(userID)::uuid AND disabled_at IS NULL")
            guard changed == 1 else { return false }
            try db.execute(
                """
                UPDATE sessions SET revoked_at = to_timestamp(\(at))
                WHERE user_id = \(userID)::uuid AND revoked_at IS NULL
                """)
            try db.execute(
                """
                UPDATE api_tokens SET revoked_at = to_timestamp(\(at))
                WHERE user_id = \(userID)::uuid AND revoked_at IS NULL
                """)
            try AuditLog(connection: db).append(
                AuditEntry(
                    actor: actor?.userID, companyID: actor?.companyID, action: .disable, target: userID.rawValue,
                    ip: ip, outcome: .success, details: requestID.map { ["request_id": $0] } ?? [:]))
            return true
        }
    }

    /// Replaces the stored password hash (after a login with old parameters, or a password change).
    func setPasswordHash(_ hash: String, for userID: UserID) throws {
        try connection.execute("UPDATE users SET password_hash = \(hash) WHERE id = \(userID)::uuid")
    }

    /// A hash of `password` with this store's parameters.
    func hashPassword(_ password: String) throws -> String {
        do {
            return try PasswordHash.hash(password: password, parameters: passwordParameters)
        } catch {
            throw StorageError(code: .passwordHashingFailed, message: "could not hash a password: \(error)")
        }
    }

    private func company(id: CompanyID) throws -> Company? {
        guard UUIDText.isValid(id.rawValue) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: Company.columns) FROM companies WHERE id = \(id)::uuid")
        return try rows.first.map(Company.init(row:))
    }

    private func insertUser(
        _ db: PostgresConnection, email: EmailAddress, hash: String, company: CompanyID, role: Role, owner: Bool
    ) throws -> UserAccount {
        let user = try UserAccount(
            row: db.query(
                """
                INSERT INTO users (email, password_hash) VALUES (\(email.value), \(hash))
                RETURNING \(unescaped: UserAccount.columns)
                """)[0])
        try db.execute(
            """
            INSERT INTO memberships (user_id, company_id, role, is_owner)
            VALUES (\(user.id)::uuid, \(company)::uuid, \(role.rawValue), \(owner))
            """)
        return user
    }
}
