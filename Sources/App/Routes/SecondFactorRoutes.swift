import Domain
import Foundation
import Pages
import Storage
import Web

/// `/api/v1/auth/second-factor`: TOTP enrolment (QR code rendered here), confirmation with the first code
/// (recovery codes shown once) and verification of a session. Staff sessions only; nothing here needs the
/// second factor itself.
enum SecondFactorRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/auth/second-factor",
            RouteDocumentation(
                "The staff member's second factor: enrolled, confirmed, this session verified, recovery codes left.",
                tag: "auth", access: .staffSession,
                responses: [(200, "State"), (401, "Not signed in"), (403, "Not staff, or a token")],
                response: .object([
                    "enrolled": .boolean, "confirmed": .boolean, "session_verified": .boolean,
                    "recovery_codes_left": .integer,
                ])), state)
        table.add(
            .post, "/api/v1/auth/second-factor/enrol",
            RouteDocumentation(
                "Starts TOTP enrolment: a new secret, its otpauth URI and the QR code as SVG (shown once).",
                tag: "auth", access: .staffSession,
                responses: [
                    (201, "Enrolment started"), (401, "Not signed in"), (403, "Not staff, a token, or no CSRF token"),
                    (409, "Enrolled already"),
                ], response: .object(["secret": .string, "otpauth_uri": .string, "qr_svg": APISchema.string.orNull])),
            enrol)
        table.add(
            .post, "/api/v1/auth/second-factor/confirm",
            RouteDocumentation(
                "Confirms the enrolment with a first code `{code}`: verifies this session, returns 10 recovery codes.",
                tag: "auth", access: .staffSession, requestBody: "application/json",
                responses: [
                    (200, "Confirmed"), (400, "Bad body"), (401, "Not signed in"), (403, "Not staff"),
                    (409, "Nothing to confirm"), (422, "Wrong code"), (429, "Too many wrong codes"),
                ], request: .object(["code": .string(minimumLength: 1, maximumLength: 64)]),
                response: .object(["verified": .boolean, "recovery_codes?": .array(.string)])), confirm)
        table.add(
            .post, "/api/v1/auth/second-factor/verify",
            RouteDocumentation(
                "Verifies this session with `{code}`: a current TOTP code (never one used before) or a recovery code.",
                tag: "auth", access: .staffSession, requestBody: "application/json",
                responses: [
                    (200, "Verified"), (400, "Bad body"), (401, "Not signed in"), (403, "Not staff"),
                    (409, "Not enrolled"), (422, "Wrong code"), (429, "Too many wrong codes"),
                ], request: .object(["code": .string(minimumLength: 1, maximumLength: 64)]),
                response: .object(["verified": .boolean, "recovery_codes?": .array(.string)])), verify)
    }

    /// The staff caller of a session and the session token (the table checked ``RouteAccess/staffSession``).
    static func staffSession(_ context: RequestContext) throws -> (Principal, String) {
        let caller = try context.requireCaller(.ownCompany)
        guard let token = caller.sessionToken, caller.usesSession, caller.principal.role.isStaff else {
            throw Problem.forbidden(detail: "This operation is for staff sessions.")
        }
        return (caller.principal, token)
    }

    static func state(_ context: RequestContext) throws -> Response {
        let (principal, _) = try staffSession(context)
        let store = SecondFactorStore(connection: context.services.database)
        let enrolment = try store.enrolment(of: principal.userID)
        return .json([
            "enrolled": .bool(enrolment != nil), "confirmed": .bool(enrolment?.confirmed == true),
            "session_verified": .bool(principal.secondFactor),
            "recovery_codes_left": JSON(try store.recoveryCodesLeft(userID: principal.userID)),
        ]).private()
    }

    static func enrol(_ context: RequestContext) throws -> Response {
        let (principal, _) = try staffSession(context)
        let enrolment = try EnrolSecondFactor(connection: context.services.database, logger: context.logger).run(
            principal: principal, ip: context.clientAddress, requestID: context.request.requestID)
        return .json(
            [
                "secret": .string(enrolment.secret), "otpauth_uri": .string(enrolment.uri),
                "qr_svg": JSON(QRCode(enrolment.uri)?.svg()),
            ],
            status: .created
        ).private()
    }

    static func confirm(_ context: RequestContext) throws -> Response {
        try check(context, confirming: true)
    }

    static func verify(_ context: RequestContext) throws -> Response {
        try check(context, confirming: false)
    }

    static func check(_ context: RequestContext, confirming: Bool) throws -> Response {
        let (principal, token) = try staffSession(context)
        let body = try context.jsonObject()
        guard let code = body["code"]?.stringValue, (1...64).contains(code.count) else {
            throw Problem.badRequest(
                detail: "code must be the 6-digit code of your authenticator app or a recovery code.",
                errors: [FieldError(field: "code", detail: "required text", code: "required")])
        }
        let codes = try VerifySecondFactor(connection: context.services.database, logger: context.logger).run(
            principal: principal, code: code, sessionToken: token, confirming: confirming, now: Date(),
            ip: context.clientAddress, requestID: context.request.requestID)
        var result: JSONObject = ["verified": true]
        if confirming { result["recovery_codes"] = .array(codes.map(JSON.string)) }
        return .json(.object(result)).private()
    }
}
