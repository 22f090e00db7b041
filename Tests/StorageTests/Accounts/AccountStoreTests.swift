import Domain
import Foundation
import Postgres
import Signing
import Storage
import Testing

@Suite struct AccountStoreTests {
    @Test func registrationCreatesTheCompanyAndItsOwner() throws {
        let fixture = try AccountsFixture()
        let registration = try Registration.validate(
            email: "Owner@Firma.AT", password: AccountsFixture.password, companyName: " Alpen GmbH ", country: "at",
            vatId: "ATU 135 856 27",
            billingAddress: BillingAddress(street: "Ring 1", postalCode: "1010", city: "Wien")
        ).get()
        guard case .registered(let account) = try fixture.accounts.register(registration, ip: "203.0.113.7") else {
            Issue.record("refused")
            return
        }
        #expect(account.user.email.value == "Owner@firma.at")
        #expect(account.company.name == "Alpen GmbH")
        #expect(account.company.country == "AT")
        #expect(account.company.vatId == "ATU13585627")
        #expect(account.company.billingAddress.city == "Wien")
        #expect(!account.company.isOperator)
        #expect(
            account.membership
                == Membership(userID: account.user.id, companyID: account.company.id, role: .client, isOwner: true))
        #expect(try fixture.accounts.memberships(of: account.user.id) == [account.membership])
        #expect(try fixture.accounts.user(email: EmailAddress("OWNER@FIRMA.AT")!) == account.user)

        let hash = try fixture.connection.query("SELECT password_hash FROM users")[0].string("password_hash")
        #expect(hash.hasPrefix("scrypt$ln=4$r=8$p=1$"))
        #expect(PasswordHash.verify(password: AccountsFixture.password, against: hash))

        let audit = try fixture.audit(.register)
        #expect(audit.count == 1)
        #expect(audit.first?.entry.actor == account.user.id)
        #expect(audit.first?.entry.companyID == account.company.id)
        #expect(audit.first?.entry.ip == "203.0.113.7")
        #expect(audit.first?.entry.outcome == .success)
    }

    @Test(arguments: ["anna@example.com", "ANNA@EXAMPLE.COM", "Anna@Example.com", "  anna@example.COM "])
    func aTakenEmailInAnyCaseIsABusinessAnswerAndWritesNothing(second: String) throws {
        let fixture = try AccountsFixture()
        try fixture.register("anna@example.com")
        let registration = try Registration.validate(
            email: second, password: AccountsFixture.password, companyName: "Zweite AG", country: "DE", vatId: nil
        ).get()
        #expect(try fixture.accounts.register(registration, ip: nil) == .emailTaken)
        #expect(try fixture.count("companies") == 1)
        #expect(try fixture.count("users") == 1)
        #expect(try fixture.audit(.register).count == 1)
    }

    @Test func theDatabaseItselfRefusesADuplicateEmailIgnoringCase() throws {
        let fixture = try AccountsFixture()
        try fixture.register("anna@example.com")
        #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                "INSERT INTO users (email, password_hash) VALUES ('ANNA@example.com', 'scrypt$x')")
        }
    }

    @Test func staffUsersJoinTheOneOperatorCompany() throws {
        let fixture = try AccountsFixture()
        let email = EmailAddress("admin@codezero.example")!
        guard
            case .created(let admin) = try fixture.accounts.createStaffUser(
                email: email, password: AccountsFixture.password, role: .admin)
        else { Issue.record("refused"); return }
        guard
            case .created(let finance) = try fixture.accounts.createStaffUser(
                email: EmailAddress("finance@codezero.example")!, password: AccountsFixture.password, role: .finance,
                actor: admin.user.id, ip: "::1")
        else { Issue.record("refused"); return }
        #expect(admin.company.isOperator && admin.company == finance.company)
        #expect(admin.membership.role == .admin && finance.membership.role == .finance)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM companies WHERE is_operator")[0].int("n") == 1)
        #expect(
            try fixture.accounts.createStaffUser(email: email, password: AccountsFixture.password, role: .admin)
                == .emailTaken)
        #expect(
            try fixture.accounts.createStaffUser(
                email: EmailAddress("x@codezero.example")!, password: AccountsFixture.password, role: .client)
                == .notAStaffRole)
        #expect(
            try fixture.accounts.createStaffUser(
                email: EmailAddress("y@codezero.example")!, password: "password1", role: .admin)
                == .weakPassword(.tooCommon))
        let audit = try fixture.audit(.staffCreate)
        #expect(audit.map(\.entry.details["role"]) == ["admin", "finance"])
        #expect(audit.map(\.entry.actor) == [nil, admin.user.id])
    }

    @Test func roleChangesAreAuditedWithOldAndNewRole() throws {
        let fixture = try AccountsFixture()
        let client = try fixture.register("client@firma.de")
        guard
            case .created(let admin) = try fixture.accounts.createStaffUser(
                email: EmailAddress("admin@codezero.example")!, password: AccountsFixture.password, role: .admin),
            case .created(let staff) = try fixture.accounts.createStaffUser(
                email: EmailAddress("staff@codezero.example")!, password: AccountsFixture.password, role: .finance)
        else {
            Issue.record("refused")
            return
        }
        let actor = admin.principal(method: .session)
        let accounts = fixture.accounts
        #expect(try accounts.changeRole(of: staff.user.id, in: admin.company.id, to: .admin, by: actor, ip: "::1"))
        #expect(try accounts.memberships(of: staff.user.id).first?.role == .admin)
        // A customer's membership can never carry a staff role, and a missing membership is not found.
        #expect(!(try accounts.changeRole(of: client.user.id, in: client.company.id, to: .admin, by: actor, ip: nil)))
        #expect(!(try accounts.changeRole(of: client.user.id, in: admin.company.id, to: .admin, by: actor, ip: nil)))
        #expect(!(try accounts.changeRole(of: UserID("nope"), in: client.company.id, to: .admin, by: actor, ip: nil)))
        #expect(try accounts.memberships(of: client.user.id).first?.role == .client)
        let audit = try fixture.audit(.roleChange)
        #expect(audit.map(\.entry.outcome) == [.success, .failure, .failure, .failure])
        #expect(audit[0].entry.details["from"] == "finance" && audit[0].entry.details["to"] == "admin")
        #expect(audit[0].entry.actor == admin.user.id && audit[0].entry.target == staff.user.id.rawValue)
        #expect(audit[0].entry.details["auth"] == "session")
    }

    @Test(arguments: [
        "UPDATE memberships SET role = 'admin' WHERE company_id = (SELECT id FROM companies WHERE NOT is_operator)",
        "UPDATE memberships SET role = 'client' WHERE company_id = (SELECT id FROM companies WHERE is_operator)",
    ])
    func theDatabaseKeepsStaffRolesInTheOperatorCompany(statement: String) throws {
        let fixture = try AccountsFixture()
        try fixture.register("client@firma.de")
        _ = try fixture.accounts.createStaffUser(
            email: EmailAddress("admin@codezero.example")!, password: AccountsFixture.password, role: .admin)
        do {
            try fixture.connection.execute(PostgresQuery(stringLiteral: statement))
            Issue.record("allowed: \(statement)")
        } catch let error as PostgresError {
            #expect(error.isCheckViolation)
        }
    }

    @Test func companyDataIsScopedByThePrincipalsCompany() throws {
        let fixture = try AccountsFixture()
        let first = try fixture.register("a@eins.de", company: "Eins GmbH")
        let second = try fixture.register("b@zwei.de", company: "Zwei GmbH")
        let principal = first.principal(method: .session)
        #expect(try fixture.accounts.company(of: principal) == first.company)
        #expect(try fixture.accounts.members(of: principal).map(\.userID) == [first.user.id])
        #expect(try fixture.accounts.members(of: second.principal(method: .apiToken)).map(\.userID) == [second.user.id])
        let companies = try fixture.accounts.companies()
        #expect(companies.map(\.name) == ["Eins GmbH", "Zwei GmbH"])
        #expect(try fixture.accounts.companies(limit: 1, offset: 1).map(\.name) == ["Zwei GmbH"])
    }

    @Test func disablingAUserEndsTheirSessionsAndTokens() throws {
        let fixture = try AccountsFixture()
        let account = try fixture.register("leaver@firma.de")
        let sessions = SessionStore(connection: fixture.connection)
        let session = try sessions.create(
            userID: account.user.id, companyID: account.company.id, ip: nil, userAgent: nil, now: AccountsFixture.start)
        let tokens = APITokenStore(connection: fixture.connection)
        guard
            case .created(let token) = try tokens.create(
                name: "ci", for: account.principal(method: .session), ip: nil, now: AccountsFixture.start)
        else { Issue.record("no token"); return }
        #expect(try fixture.accounts.disable(account.user.id, by: nil, ip: nil, now: AccountsFixture.start))
        #expect(try sessions.resolve(token: session.token, now: AccountsFixture.start) == nil)
        #expect(try tokens.resolve(token: token.token, now: AccountsFixture.start) == nil)
        #expect(!(try fixture.accounts.disable(account.user.id, by: nil, ip: nil, now: AccountsFixture.start)))
        #expect(try fixture.audit(.disable).count == 1)
    }
}
