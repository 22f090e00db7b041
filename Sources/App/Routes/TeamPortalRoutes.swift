import Domain
import Foundation
import Pages
import Storage
import Web

/// The portal's team page (`/de/konto/team`, `/en/account/team`) with the same use cases as the API (one form
/// field names the action: `email` invites, `revoke` an invitation id, `remove` a user id; session CSRF token), and
/// the page an invitation link opens (`/de/portal/einladung`, `/en/portal/invitation`, `?token=`), posted with the
/// site forms' guard: the visitor sets a password, joins and is signed in.
enum TeamPortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.team.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try render(context, language, caller)
            }
            table.add(.post, Page.team.path(in: language), access: .signedInPage) { context in
                try submit(context, language)
            }
            table.add(.get, Page.invitation.path(in: language)) { context in
                let token = String((context.request.query("token") ?? "").prefix(200))
                return try invitationPage(context, language, token: token, state: FormState())
            }
            table.add(.post, Page.invitation.path(in: language)) { context in try accept(context, language) }
        }
    }

    static func render(
        _ context: RequestContext, _ language: Language, _ caller: Caller, status: HTTPStatus = .ok,
        form: FormState? = nil
    ) throws -> Response {
        let connection = context.services.database
        let companyID = caller.principal.companyID
        let memberships = try TeamStore(connection: connection).members(companyID: companyID)
        // The caller is one of the members: whether they own the company is on their row (no statement of its own).
        let isOwner = memberships.contains { $0.userID == caller.principal.userID && $0.isOwner }
        let members = memberships.map {
            PortalTeam.Member(
                userID: $0.userID.rawValue, email: $0.email, role: $0.role.rawValue, isOwner: $0.isOwner,
                joinedAt: $0.joinedAt)
        }
        let pending =
            isOwner
            ? try InvitationStore(connection: connection).pending(companyID: companyID, now: Date()).map {
                PortalTeam.Pending(id: $0.id, email: $0.email, expiresAt: $0.expiresAt)
            } : []
        let team = PortalTeam(members: members, pending: pending, isOwner: isOwner)
        return try PortalRoutes.render(.team, context, language, caller, status: status, form: form) {
            $0.team = team
        }
    }

    static func submit(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let database = context.services.database
        let ip = context.clientAddress
        var state = FormState()
        func page(_ status: HTTPStatus) throws -> Response {
            try render(context, language, caller, status: status, form: state)
        }
        if let id = values["revoke"] {
            switch try RevokeInvitation(database: database).revoke(caller.principal, id: id, ip: ip, now: Date()) {
            case .revoked: state.values["done"] = "revoked"; return try page(.ok)
            case .notOwner: state.formError = "error_team_not_owner"; return try page(.forbidden)
            case .notFound: state.formError = "error_team_not_found"; return try page(.notFound)
            }
        }
        if let userID = values["remove"] {
            switch try RemoveMember(database: database).remove(
                caller.principal, userID: UserID(userID), ip: ip, now: Date())
            {
            case .removed: state.values["done"] = "removed"; return try page(.ok)
            case .notOwner: state.formError = "error_team_not_owner"; return try page(.forbidden)
            case .notFound: state.formError = "error_team_not_found"; return try page(.notFound)
            case .owner: state.formError = "error_team_owner"; return try page(.conflict)
            }
        }
        let email = (values["email"] ?? "").trimmedWhitespace
        state.values["email"] = email
        if email.isEmpty {
            state.errors["email"] = "error_required"
        } else if EmailAddress(email) == nil {
            state.errors["email"] = "error_email"
        }
        guard state.isValid else { return try page(.unprocessableContent) }
        do {
            try context.enforce(
                .invitations, key: "invite:company:\(caller.principal.companyID.rawValue)", what: "invitations")
        } catch let problem as Problem where problem.status == .tooManyRequests {
            state.formError = "error_team_throttled"
            return try page(.tooManyRequests)
        }
        switch try TeamRoutes.useCase(context).invite(
            caller.principal, email: email, role: .client, language: language, ip: ip, now: Date())
        {
        case .invited:
            state = FormState(values: ["done": "invited"])
            return try page(.ok)
        case .notOwner:
            state.formError = "error_team_not_owner"
            return try page(.forbidden)
        case .invalidAddress:
            state.errors["email"] = "error_email"
            return try page(.unprocessableContent)
        case .alreadyMember:
            state.errors["email"] = "error_team_already_member"
            return try page(.conflict)
        }
    }

    static func useCase(_ context: RequestContext) -> AcceptInvitation {
        AcceptInvitation(
            database: context.services.database, passwordParameters: context.services.accounts.passwordParameters)
    }

    /// The accept page for `token`: the company and inviter with the password form while the invitation is
    /// pending, else the reason it no longer works.
    static func invitationPage(
        _ context: RequestContext, _ language: Language, token: String, state: FormState,
        status: HTTPStatus = .ok
    ) throws -> Response {
        var state = state
        state.values["token"] = token
        let found = token.isEmpty ? nil : try useCase(context).invitation(token: token)
        let invitationState = found?.state(at: Date())
        if let found, invitationState == .pending {
            state.values["pending"] = "1"
            state.values["company"] = found.companyName
            state.values["inviter"] = found.inviterEmail ?? ""
            state.values["email"] = found.email
        } else if state.formError == nil {
            state.formError = errorKey(invitationState)
        }
        let code = status == .ok && invitationState != .pending ? unavailableStatus(invitationState) : status
        return PortalAuthRoutes.form(.invitation, context, language, state: state, status: code)
    }

    static func accept(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        let values = SiteForms.dictionary(form)
        let token = String((values["token"] ?? "").prefix(200))
        guard FormGuard.accepts(context, form: form) else {
            return try invitationPage(
                context, language, token: token, state: FormState(formError: "error_csrf"), status: .forbidden)
        }
        let password = values["password"] ?? ""
        if password.isEmpty {
            return try invitationPage(
                context, language, token: token, state: FormState(errors: ["password": "error_required"]),
                status: .unprocessableContent)
        }
        switch try useCase(context).accept(
            token: token, password: password, ip: context.clientAddress,
            userAgent: context.request.header("User-Agent"), now: Date())
        {
        case .joined(_, _, let session):
            // A session this browser had before (another account) ends: the browser now acts for the new member.
            if let previous = try? context.caller()?.sessionToken {
                _ = try context.services.accounts.sessions.revoke(token: previous, now: Date())
            }
            var response = PageResponse.seeOther(Page.team.path(in: language))
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            return response
        case .unavailable(let state):
            return try invitationPage(
                context, language, token: token, state: FormState(formError: errorKey(state)),
                status: unavailableStatus(state))
        case .weakPassword(let rejection):
            return try invitationPage(
                context, language, token: token, state: FormState(errors: ["password": rejection.messageKey]),
                status: .unprocessableContent)
        case .otherCompany:
            return try invitationPage(
                context, language, token: token, state: FormState(formError: "error_invitation_other_company"),
                status: .conflict)
        case .alreadyMember:
            return try invitationPage(
                context, language, token: token, state: FormState(formError: "error_invitation_member"),
                status: .conflict)
        case .disabled:
            return try invitationPage(
                context, language, token: token, state: FormState(formError: "error_invitation_disabled"),
                status: .conflict)
        }
    }

    /// The page's message for an invitation that cannot be accepted (nil: unknown token).
    static func errorKey(_ state: Invitation.State?) -> String {
        switch state {
        case .expired: "error_invitation_expired"
        case .accepted: "error_invitation_used"
        case .revoked: "error_invitation_revoked"
        case .pending, nil: "error_invitation_unknown"
        }
    }

    /// The status of that page: 404 for an unknown token, 410 for one that no longer works.
    static func unavailableStatus(_ state: Invitation.State?) -> HTTPStatus {
        switch state {
        case nil: .notFound
        case .pending: .ok
        case .expired, .accepted, .revoked: .gone
        }
    }
}
