import Domain
import Foundation
import Storage
import Web

/// The company's team (`/api/v1/company/members`, `/api/v1/company/invitations`, issue #14 item 4): everyone in
/// the company sees the members; only the owner invites (a mail with a 7-day, single-use link), revokes pending
/// invitations and removes members. Another company's member or invitation id is a 404. Staff accounts have no
/// team (404).
enum TeamRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/company/members",
            RouteDocumentation(
                "The company's members: {members: [{user_id, email, role, is_owner, joined_at}]}, the owner first.",
                tag: "account", access: .authenticated,
                responses: [(200, "The members"), (401, "Not signed in"), (404, "A staff account (no team)")],
                response: .object(["members": .array(memberSchema)])), members)
        table.add(
            .delete, "/api/v1/company/members/{user_id}",
            RouteDocumentation(
                "Remove a member (owner only): the membership ends, and with it the member's sessions and API tokens"
                    + " for the company. The owner cannot remove themselves.", tag: "account", access: .authenticated,
                responses: [
                    (204, "Removed"), (401, "Not signed in"), (403, "Not the owner, or CSRF token missing"),
                    (404, "No such member in your company"), (409, "The owner cannot be removed"),
                ], path: ["user_id": .uuid]), removeMember)
        table.add(
            .get, "/api/v1/company/invitations",
            RouteDocumentation(
                "The company's pending invitations (never their tokens): {invitations: [{id, email, role, invited_by,"
                    + " created_at, expires_at}]}.", tag: "account", access: .authenticated,
                responses: [
                    (200, "The pending invitations"), (401, "Not signed in"), (404, "A staff account (no team)"),
                ],
                response: .object(["invitations": .array(invitationSchema)])), invitations)
        table.add(
            .post, "/api/v1/company/invitations",
            RouteDocumentation(
                "Invite a colleague {email, role?, language?} (owner only): a link valid 7 days, usable once, is mailed"
                    + " to the address (in `language`, else the request's language); an earlier pending invitation of"
                    + " the same address stops working. At most 20 invitations per company an hour.", tag: "account",
                access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "Invited and mailed"), (400, "Malformed body"), (401, "Not signed in"),
                    (403, "Not the owner, or CSRF token missing"), (404, "A staff account (no team)"),
                    (409, "The address belongs to a member already"),
                    (422, "Invalid address, unknown role or language; nothing stored"), (429, "Too many invitations"),
                ],
                request: .object([
                    "email": .text(254), "role?": .text(20), "language?": .text(2),
                ]), response: invitationSchema), invite)
        table.add(
            .delete, "/api/v1/company/invitations/{id}",
            RouteDocumentation(
                "Revoke a pending invitation (owner only); its link stops working.", tag: "account",
                access: .authenticated,
                responses: [
                    (204, "Revoked"), (401, "Not signed in"), (403, "Not the owner, or CSRF token missing"),
                    (404, "No pending invitation with this id in your company"),
                ], path: ["id": .uuid]), revoke)
    }

    /// The schema of ``member(_:)``.
    static let memberSchema = APISchema.object([
        "user_id": .uuid, "email": .string, "role": .oneOf(["client"]), "is_owner": .boolean, "joined_at": .dateTime,
    ])

    /// The schema of ``invitation(_:)``.
    static let invitationSchema = APISchema.object([
        "id": .uuid, "email": .string, "role": .oneOf(["client"]), "invited_by": APISchema.string.orNull,
        "created_at": .dateTime, "expires_at": .dateTime,
    ])

    static func member(_ member: TeamMember) -> JSON {
        [
            "user_id": .string(member.userID.rawValue), "email": .string(member.email),
            "role": .string(member.role.rawValue), "is_owner": .bool(member.isOwner),
            "joined_at": .string(AccountJSON.timestamp(member.joinedAt)),
        ]
    }

    static func invitation(_ invitation: Invitation) -> JSON {
        [
            "id": .string(invitation.id), "email": .string(invitation.email), "role": .string(invitation.role.rawValue),
            "invited_by": JSON(invitation.inviterEmail),
            "created_at": .string(AccountJSON.timestamp(invitation.createdAt)),
            "expires_at": .string(AccountJSON.timestamp(invitation.expiresAt)),
        ]
    }

    /// The caller, refused with 404 for staff (the operator company has no team to manage here).
    static func client(_ context: RequestContext) throws -> Caller {
        let caller = try context.requireCaller()
        guard !caller.principal.role.isStaff else {
            throw Problem.notFound(detail: "Staff accounts have no team; staff are managed in the back office.")
        }
        return caller
    }

    static func members(_ context: RequestContext) throws -> Response {
        let caller = try client(context)
        let members = try TeamStore(connection: context.services.database).members(
            companyID: caller.principal.companyID)
        return .json(["members": .array(members.map(member))]).private()
    }

    static func invitations(_ context: RequestContext) throws -> Response {
        let caller = try client(context)
        let pending = try InvitationStore(connection: context.services.database).pending(
            companyID: caller.principal.companyID, now: Date())
        return .json(["invitations": .array(pending.map(invitation))]).private()
    }

    static func invite(_ context: RequestContext) throws -> Response {
        let caller = try client(context)
        var fields = JSONFields(try context.jsonObject())
        let email = fields.string("email", maximumLength: 254)
        let roleName = fields.optionalString("role", maximumLength: 20)
        let languageName = fields.optionalString("language", maximumLength: 2)
        try fields.check()
        var errors: [Web.FieldError] = []
        let role = Role(name: roleName ?? "client")
        if role != .client {
            errors.append(Web.FieldError(field: "role", detail: "must be client", code: "unknown_role"))
        }
        let language = languageName.map { Language(rawValue: $0) } ?? AccountMailRoutes.language(context)
        if language == nil {
            errors.append(Web.FieldError(field: "language", detail: "must be de or en", code: "unknown_language"))
        }
        if case .failure = EmailAddress.parse(email) {
            errors.append(
                Web.FieldError(field: "email", detail: "is not a valid e-mail address", code: "invalid_email"))
        }
        guard errors.isEmpty, let role, let language else {
            throw Problem.unprocessable(detail: "Some fields are missing or invalid.", errors: errors)
        }
        try context.enforce(
            .invitations, key: "invite:company:\(caller.principal.companyID.rawValue)", what: "invitations")
        switch try useCase(context).invite(
            caller.principal, email: email, role: role, language: language, ip: context.clientAddress, now: Date())
        {
        case .invited(let invited):
            var response = Response.json(invitation(invited), status: .created).private()
            response.headers.replaceOrAdd(name: "Location", value: "/api/v1/company/invitations/\(invited.id)")
            return response
        case .notOwner: throw notOwner()
        case .invalidAddress:
            throw Problem.unprocessable(
                detail: "Some fields are missing or invalid.",
                errors: [Web.FieldError(field: "email", detail: "is not a valid e-mail address", code: "invalid_email")]
            )
        case .alreadyMember:
            throw Problem(
                status: .conflict, detail: "This address belongs to a member of your company already.",
                errors: [Web.FieldError(field: "email", detail: "is a member already", code: "already_member")])
        }
    }

    static func revoke(_ context: RequestContext) throws -> Response {
        let caller = try client(context)
        switch try RevokeInvitation(database: context.services.database).revoke(
            caller.principal, id: context.parameter("id"), ip: context.clientAddress, now: Date())
        {
        case .revoked: return AccountMailRoutes.noContent()
        case .notOwner: throw notOwner()
        case .notFound: throw Problem.notFound(detail: "No pending invitation with this id in your company.")
        }
    }

    static func removeMember(_ context: RequestContext) throws -> Response {
        let caller = try client(context)
        switch try RemoveMember(database: context.services.database).remove(
            caller.principal, userID: UserID(context.parameter("user_id")), ip: context.clientAddress, now: Date())
        {
        case .removed: return AccountMailRoutes.noContent()
        case .notOwner: throw notOwner()
        case .notFound: throw Problem.notFound(detail: "No such member in your company.")
        case .owner: throw Problem.conflict(detail: "The owner cannot be removed from the company.")
        }
    }

    static func useCase(_ context: RequestContext) -> InviteMember {
        InviteMember(database: context.services.database, publicURL: context.services.configuration.publicURL)
    }

    static func notOwner() -> Problem {
        Problem.forbidden(detail: "Only the company's owner invites and removes members.")
    }
}
