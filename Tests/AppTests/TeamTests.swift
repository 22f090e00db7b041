import Domain
import Foundation
import Postgres
import Signing
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The company's team (issue #14 item 4): the owner invites by e-mail (a hashed, single-use, 7-day token mailed in
/// the invitation's transaction), revokes and removes; everyone in the company sees the members; another company's
/// ids are 404; bad input writes nothing.
@Suite struct TeamTests {
    let mail = try! AccountMailTests()
    static let password = "correct horse battery"

    func count(_ sql: String) throws -> Int {
        try mail.database.connect().query("SELECT count(*)::bigint AS n FROM \(unescaped: sql)")[0].int("n")
    }

    func owner(_ email: String, company: String = "Muster GmbH") -> TestClient {
        let client = TestClient(mail.application)
        #expect(client.register(email: email, company: company).status == .created)
        return client
    }

    func acceptance(_ connection: PostgresConnection? = nil) -> AcceptInvitation {
        AcceptInvitation(
            database: connection ?? mail.database.connect(),
            passwordParameters: PasswordHash.Parameters(logN: 10, r: 8, p: 1))
    }

    /// Invites `email` as `client` and returns the token from the mail.
    func invite(_ client: TestClient, _ email: String) throws -> String {
        let response = client.send("POST", "/api/v1/company/invitations", json: ["email": .string(email)])
        #expect(response.status == .created, "\(response.json)")
        return try #require(try mail.mailedToken("team-invitation", to: email))
    }

    func signIn(_ email: String, _ password: String = Self.password) -> (TestClient, Response) {
        let client = TestClient(mail.application)
        let response = client.send(
            "POST", "/api/v1/auth/login", json: ["email": .string(email), "password": .string(password)])
        return (client, response)
    }

    @Test func theOwnerInvitesAndTheInvitedColleagueJoinsOnce() throws {
        let anna = owner("anna@example.com")
        let token = try invite(anna, "bert@example.com")
        // Only the hash is stored; the mail row no longer holds the link once it is sent.
        #expect(try count("company_invitations WHERE token_hash = sha256(convert_to('\(token)', 'UTF8'))") == 1)
        #expect(try count("company_invitations WHERE position('\(token)' IN email) > 0") == 0)
        #expect(try count("mail_outbox WHERE template = 'team-invitation' AND message IS NOT NULL") == 0)
        let pending = anna.send("GET", "/api/v1/company/invitations")
        #expect(pending.status == .ok)
        #expect(pending.json["invitations"]?[0]?["email"] == "bert@example.com")
        #expect(pending.json["invitations"]?[0]?["invited_by"] == "anna@example.com")
        #expect(
            !String(decoding: pending.body, as: UTF8.self).contains(token)
                && pending.json["invitations"]?[0]?["token"] == nil)

        guard
            case .joined(let invitation, let bert, _) = try acceptance().accept(
                token: token, password: "Bert sein Passwort", ip: "192.0.2.7", userAgent: nil, now: Date())
        else { Issue.record("not joined"); return }
        #expect(try count("users WHERE id = '\(bert.rawValue)'::uuid AND email_verified_at IS NOT NULL") == 1)
        #expect(try count("company_invitations WHERE id = '\(invitation.id)'::uuid AND accepted_by IS NOT NULL") == 1)
        #expect(try count("audit_log WHERE action = 'team.invitation_accept'") == 1)
        // Used once: the same link again is refused and writes nothing.
        guard
            case .unavailable(.accepted) = try acceptance().accept(
                token: token, password: "noch ein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("accepted twice"); return }
        #expect(try count("memberships WHERE user_id = '\(bert.rawValue)'::uuid") == 1)

        // The new member signs in and sees the company's data, read-only for the team.
        let (member, signedIn) = signIn("bert@example.com", "Bert sein Passwort")
        #expect(signedIn.status == .ok)
        #expect(member.send("GET", "/api/v1/me").json["company"]?["name"] == "Muster GmbH")
        let members = member.send("GET", "/api/v1/company/members")
        #expect(members.status == .ok)
        #expect(members.json["members"]?[0]?["email"] == "anna@example.com")
        #expect(members.json["members"]?[0]?["is_owner"] == true)
        #expect(members.json["members"]?[1]?["email"] == "bert@example.com")
        #expect(members.json["members"]?[1]?["is_owner"] == false)
        // A member who is not the owner neither invites nor removes nor revokes.
        let refused = member.send("POST", "/api/v1/company/invitations", json: ["email": "carl@example.com"])
        #expect(refused.status == .forbidden)
        #expect(try count("company_invitations WHERE email = 'carl@example.com'") == 0)
        let annaID = try #require(members.json["members"]?[0]?["user_id"]?.stringValue)
        #expect(member.send("DELETE", "/api/v1/company/members/\(annaID)").status == .forbidden)
        // Already a member → 409 naming the field.
        let again = anna.send("POST", "/api/v1/company/invitations", json: ["email": "BERT@example.com"])
        #expect(again.status == .conflict && again.json["errors"]?[0]?["field"] == "email")
    }

    @Test func twoConcurrentAcceptsOfOneTokenMakeOneMember() throws {
        let anna = owner("anna@example.com")
        let token = try invite(anna, "bert@example.com")
        let database = mail.database
        let outcomes = Outcomes()
        let group = DispatchGroup()
        for index in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let use = AcceptInvitation(
                    database: database.connect(), passwordParameters: PasswordHash.Parameters(logN: 10, r: 8, p: 1))
                let result = try? use.accept(
                    token: token, password: "Passwort Nummer \(index)", ip: nil, userAgent: nil, now: Date())
                outcomes.add(result)
            }
        }
        group.wait()
        #expect(outcomes.joined == 1, "exactly one accept joins")
        #expect(try count("users WHERE email = 'bert@example.com'") == 1)
        #expect(try count("memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'bert@example.com'") == 1)
    }

    @Test func anExpiredOrRevokedInvitationIsRefusedAndWritesNothing() throws {
        let anna = owner("anna@example.com")
        let token = try invite(anna, "bert@example.com")
        // Seven days later (an injected clock) the link no longer works.
        let later = Date().addingTimeInterval(Double(InvitationStore.lifetime) + 1)
        guard
            case .unavailable(.expired) = try acceptance().accept(
                token: token, password: "Bert sein Passwort", ip: nil, userAgent: nil, now: later)
        else { Issue.record("an expired invitation was accepted"); return }
        let justBefore = Date().addingTimeInterval(Double(InvitationStore.lifetime) - 60)
        let store = InvitationStore(connection: mail.database.connect())
        #expect(try store.invitation(token: token)?.state(at: justBefore) == .pending)
        #expect(try store.invitation(token: token)?.state(at: later) == .expired)
        #expect(try count("users WHERE email = 'bert@example.com'") == 0)

        let id = try #require(
            anna.send("GET", "/api/v1/company/invitations").json["invitations"]?[0]?["id"]?.stringValue)
        #expect(anna.send("DELETE", "/api/v1/company/invitations/\(id)").status == .noContent)
        #expect(anna.send("DELETE", "/api/v1/company/invitations/\(id)").status == .notFound)
        #expect(anna.send("GET", "/api/v1/company/invitations").json["invitations"] == [])
        guard
            case .unavailable(.revoked) = try acceptance().accept(
                token: token, password: "Bert sein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("a revoked invitation was accepted"); return }
        guard
            case .unavailable(nil) = try acceptance().accept(
                token: "unknown-token", password: "Bert sein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("an unknown token was accepted"); return }
        #expect(try count("users WHERE email = 'bert@example.com'") == 0)
        #expect(try count("audit_log WHERE action IN ('team.invite', 'team.invitation_revoke')") == 2)
    }

    @Test func aWeakPasswordOrAnAccountOfAnotherCompanyJoinsNothing() throws {
        let anna = owner("anna@example.com")
        _ = owner("carl@example.com", company: "Andere AG")
        let token = try invite(anna, "bert@example.com")
        guard
            case .weakPassword = try acceptance().accept(
                token: token, password: "bert", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("a weak password was accepted"); return }
        let other = try invite(anna, "carl@example.com")
        guard
            case .otherCompany = try acceptance().accept(
                token: other, password: "Carl sein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("an account of another company joined"); return }
        #expect(try count("company_invitations WHERE accepted_at IS NOT NULL") == 0, "the tokens stay unused")
        #expect(try count("memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'carl@example.com'") == 1)
        #expect(signIn("carl@example.com").1.status == .ok, "carl's password is unchanged")
    }

    @Test func removingAMemberEndsTheirSessionsAndTokensAtOnce() throws {
        let anna = owner("anna@example.com")
        let token = try invite(anna, "bert@example.com")
        guard
            case .joined(_, let bert, _) = try acceptance().accept(
                token: token, password: "Bert sein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("not joined"); return }
        let (member, _) = signIn("bert@example.com", "Bert sein Passwort")
        let apiToken = try #require(
            member.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"]).json["token"]?.stringValue)
        let robot = TestClient(mail.application)
        robot.bearer = apiToken
        #expect(robot.send("GET", "/api/v1/me").status == .ok)

        let ownerID = try #require(
            anna.send("GET", "/api/v1/company/members").json["members"]?[0]?["user_id"]?.stringValue)
        #expect(anna.send("DELETE", "/api/v1/company/members/\(ownerID)").status == .conflict, "the owner stays")
        #expect(anna.send("DELETE", "/api/v1/company/members/\(bert.rawValue)").status == .noContent)
        #expect(member.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(robot.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(signIn("bert@example.com", "Bert sein Passwort").1.status == .unauthorized)
        #expect(anna.send("DELETE", "/api/v1/company/members/\(bert.rawValue)").status == .notFound)
        #expect(try count("audit_log WHERE action = 'team.member_remove' AND target = '\(bert.rawValue)'") == 1)

        // The account had no other company: its personal data is erased with the removal (a disabled shell stays).
        #expect(
            try count(
                "users WHERE id = '\(bert.rawValue)'::uuid AND email LIKE 'erased-%' AND disabled_at IS NOT NULL") == 1)
        #expect(try count("erasure_records WHERE user_id = '\(bert.rawValue)'::uuid AND requested_via = 'owner'") == 1)
        // Invited again, the address gets a new account.
        let again = try invite(anna, "bert@example.com")
        guard
            case .joined = try acceptance().accept(
                token: again, password: "Bert sein neues Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("a removed member could not rejoin"); return }
        #expect(signIn("bert@example.com", "Bert sein neues Passwort").1.status == .ok)
    }

    @Test func aMemberOfAnotherCompanyTooKeepsTheAccountAndLosesOnlyThisCompany() throws {
        let anna = owner("anna@example.com")
        _ = owner("carl@example.com", company: "Andere AG")
        let token = try invite(anna, "bert@example.com")
        guard
            case .joined(_, let bert, _) = try acceptance().accept(
                token: token, password: "Bert sein Passwort", ip: nil, userAgent: nil, now: Date())
        else { Issue.record("not joined"); return }
        // Data from before the one-company rule: bert also belongs to carl's company (joined later).
        try mail.database.connect().execute(
            """
            INSERT INTO memberships (user_id, company_id, role, created_at)
            SELECT \(bert.rawValue)::uuid, company_id, 'client', now() + interval '1 hour'
            FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'carl@example.com'
            """)
        let (member, _) = signIn("bert@example.com", "Bert sein Passwort")
        #expect(member.send("GET", "/api/v1/me").json["company"]?["name"] == "Muster GmbH")
        #expect(anna.send("DELETE", "/api/v1/company/members/\(bert.rawValue)").status == .noContent)
        #expect(member.send("GET", "/api/v1/me").status == .unauthorized, "the session for anna's company ended")
        #expect(try count("users WHERE email = 'bert@example.com' AND disabled_at IS NULL") == 1, "not erased")
        let (again, signedIn) = signIn("bert@example.com", "Bert sein Passwort")
        #expect(signedIn.status == .ok)
        #expect(again.send("GET", "/api/v1/me").json["company"]?["name"] == "Andere AG")
        #expect(try count("erasure_records") == 0)
    }

    @Test func anotherCompanysIdsAreNotFoundAndBadInputWritesNothing() throws {
        let anna = owner("anna@example.com")
        let carl = owner("carl@example.com", company: "Andere AG")
        _ = try invite(carl, "dora@example.com")
        let carlsInvitation = try #require(
            carl.send("GET", "/api/v1/company/invitations").json["invitations"]?[0]?["id"]?.stringValue)
        let carlID = try #require(
            carl.send("GET", "/api/v1/company/members").json["members"]?[0]?["user_id"]?.stringValue)
        #expect(anna.send("DELETE", "/api/v1/company/invitations/\(carlsInvitation)").status == .notFound)
        #expect(anna.send("DELETE", "/api/v1/company/members/\(carlID)").status == .notFound)
        #expect(anna.send("GET", "/api/v1/company/members").json["members"]?.arrayValue?.count == 1)
        #expect(anna.send("GET", "/api/v1/company/invitations").json["invitations"] == [])
        #expect(try count("company_invitations WHERE revoked_at IS NULL") == 1)

        let cases: [(JSON, HTTPStatus, String)] = [
            (["email": "kein-at"], .unprocessableContent, "email"),
            (["email": "x@example.com", "role": "admin"], .unprocessableContent, "role"),
            (["email": "x@example.com", "role": "owner"], .unprocessableContent, "role"),
            (["email": "x@example.com", "language": "fr"], .unprocessableContent, "language"),
            ([:], .unprocessableContent, "email"),
        ]
        for (body, status, field) in cases {
            let refused = anna.send("POST", "/api/v1/company/invitations", json: body)
            #expect(refused.status == status, "\(body): \(refused.json)")
            #expect(refused.json["errors"]?[0]?["field"] == .string(field), "\(body)")
        }
        let noCSRF = anna.send("POST", "/api/v1/company/invitations", json: ["email": "x@example.com"], csrf: false)
        #expect(noCSRF.status == .forbidden)
        #expect(
            try count(
                "company_invitations WHERE company_id <> (SELECT company_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'carl@example.com')"
            ) == 0)
        #expect(try count("mail_outbox WHERE template = 'team-invitation'") == 1)
    }

    @Test func invitationsPerCompanyAreRateLimited() throws {
        let anna = owner("anna@example.com")
        for index in 0..<RateLimit.invitations.limit {
            let response = anna.send(
                "POST", "/api/v1/company/invitations", json: ["email": .string("person\(index)@example.com")])
            #expect(response.status == .created)
        }
        let refused = anna.send("POST", "/api/v1/company/invitations", json: ["email": "one-more@example.com"])
        #expect(refused.status == .tooManyRequests && refused.headers["Retry-After"] != nil)
        #expect(try count("company_invitations WHERE email = 'one-more@example.com'") == 0)
    }
}

/// Outcomes collected from concurrent accepts.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [AcceptInvitation.Outcome?] = []

    func add(_ outcome: AcceptInvitation.Outcome?) {
        lock.lock()
        values.append(outcome)
        lock.unlock()
    }

    var joined: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.filter { if case .joined? = $0 { return true } else { return false } }.count
    }
}
