import Domain
import Foundation
import Storage
import Web

/// Registration, sign-in and sign-out (`/api/v1/auth/*`): session cookies with a CSRF token.
enum AuthRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/auth/register",
            RouteDocumentation(
                "Register a company and its first user (role client, owner); signs in. A taken address gets the "
                    + "same answer (its owner is mailed instead; the session returned then signs nobody in).",
                tag: "auth", requestBody: "application/json",
                responses: [(201, "Registered and signed in"), (422, "Invalid fields")],
                request: .object([
                    "email": .text(254), "password": .text(1024, minimumLength: 0), "company_name": .text(200),
                    "country": .text(2), "vat_id?": .text(20, minimumLength: 0).orNull,
                    "referral_code?": .text(40, minimumLength: 0).orNull,
                    "billing_address?": APISchema.object([
                        "street?": .text(200, minimumLength: 0).orNull, "extra?": .text(200, minimumLength: 0).orNull,
                        "postal_code?": .text(20, minimumLength: 0).orNull,
                        "city?": .text(200, minimumLength: 0).orNull,
                    ]).orNull,
                ]), response: signedInSchema),
            registerAccount)
        table.add(
            .post, "/api/v1/auth/login",
            RouteDocumentation(
                "Sign in; sets the session cookie and returns the CSRF token.", tag: "auth",
                requestBody: "application/json",
                responses: [(200, "Signed in"), (401, "Wrong e-mail or password"), (429, "Too many failures")],
                request: .object(["email": .text(320), "password": .text(1024, minimumLength: 0)]),
                response: signedInSchema),
            login)
        table.add(
            .post, "/api/v1/auth/logout",
            RouteDocumentation(
                "Sign out this session.", tag: "auth", access: .session,
                responses: [(204, "Signed out"), (401, "Not signed in"), (403, "CSRF token missing")]),
            logout)
        table.add(
            .post, "/api/v1/auth/logout-everywhere",
            RouteDocumentation(
                "Sign out every session of this user.", tag: "auth", access: .session,
                responses: [(200, "Signed out everywhere"), (401, "Not signed in"), (403, "CSRF token missing")],
                response: .object(["sessions_revoked": .integer])),
            logoutEverywhere)
    }

    static func registerAccount(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let email = fields.string("email", maximumLength: 254)
        let password = fields.string("password", maximumLength: 1024, allowEmpty: true)
        let companyName = fields.string("company_name", maximumLength: 200)
        let country = fields.string("country", maximumLength: 2)
        let vatId = fields.optionalString("vat_id", maximumLength: 20)
        // A referral code that is unknown or malformed never fails a registration (issue #15): it is reported back.
        let referralText = fields.optionalString("referral_code", maximumLength: 40)
        var address = fields.nested("billing_address")
        let billing = BillingAddress(
            street: address.optionalString("street", maximumLength: 200),
            extra: address.optionalString("extra", maximumLength: 200),
            postalCode: address.optionalString("postal_code", maximumLength: 20),
            city: address.optionalString("city", maximumLength: 200))
        fields.merge(address)
        let registration: Registration
        switch Registration.validate(
            email: email, password: password, companyName: companyName, country: country, vatId: vatId,
            billingAddress: billing)
        {
        case .success(let valid):
            try fields.check()
            registration = valid
        case .failure(let errors):
            // Every problem at once: the shape checks above plus the registration rules, one entry per field.
            var all = fields.errors
            for error in errors.fields.map(\.apiError)
            where !all.contains(where: { $0.location == error.location }) {
                all.append(error)
            }
            throw Problem.unprocessable(detail: "Some fields are missing or invalid.", errors: all)
        }
        let accounts = context.services.accounts
        let language = AccountMailRoutes.language(context)
        let publicURL = context.services.configuration.publicURL
        let referralCode = referralText.flatMap(ReferralCode.init)
        let outcome = try accounts.accounts.register(
            registration, ip: context.clientAddress, referralCode: referralCode
        ) { transaction, account in
            try AccountMails.enqueueVerification(
                userID: account.user.id, email: account.user.email.value, company: account.company.name,
                language: language, publicURL: publicURL, on: transaction)
        }
        switch outcome {
        case .emailTaken:
            // The same answer as a fresh registration (issue #17: no account enumeration): 201, the same body
            // shape, a session cookie — one that is stored nowhere; the address's owner is told by mail.
            try AccountMails.enqueueAccountExists(
                email: registration.email.value, language: language, publicURL: publicURL,
                on: context.services.database)
            let session = accounts.sessions.decoy(now: Date())
            var body = decoyBody(registration, csrfToken: session.csrfToken)
            if let referralText, case .object(var object) = body {
                object["referral"] = ["code": .string(referralText), "applied": .bool(referralCode != nil)]
                body = .object(object)
            }
            var response = Response.json(body, status: .created)
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        case .registered(let account):
            let session = try accounts.sessions.create(
                userID: account.user.id, companyID: account.company.id, ip: context.clientAddress,
                userAgent: context.request.header("user-agent"), now: Date())
            var body = signedIn(
                account.principal(method: .session), csrfToken: session.csrfToken, company: account.company)
            if let referralText, case .object(var object) = body {
                let applied = try ReferralStore(connection: context.services.database).isAttributed(
                    referredCompanyID: account.company.id.rawValue)
                object["referral"] = ["code": .string(referralText), "applied": .bool(applied)]
                body = .object(object)
            }
            var response = Response.json(body, status: .created)
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
    }

    static func login(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let email = fields.string("email", maximumLength: 320)
        let password = fields.string("password", maximumLength: 1024, allowEmpty: true)
        try fields.check()
        let previous = context.request.cookie(RequestContext.sessionCookieName)
        let outcome = try context.services.accounts.authenticator.login(
            email: email, password: password, ip: context.clientAddress,
            userAgent: context.request.header("user-agent"), replacing: previous, now: Date())
        switch outcome {
        case .failed:
            throw Problem.unauthorized(detail: "The e-mail address or the password is wrong.")
        case .throttled(let seconds):
            var problem = Problem.tooManyRequests(retryAfter: seconds)
            problem.detail = "Too many failed sign-ins. Try again in \(seconds) seconds."
            throw problem
        case .succeeded(let session, let principal):
            let company = try context.services.accounts.accounts.company(of: principal)
            var response = Response.json(signedIn(principal, csrfToken: session.csrfToken, company: company))
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
    }

    static func logout(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard let token = caller.sessionToken else {
            throw Problem.badRequest(detail: "Bearer tokens are revoked with DELETE /api/v1/auth/tokens/{id}.")
        }
        try context.services.accounts.authenticator.logout(token: token, ip: context.clientAddress, now: Date())
        var response = Response(status: .noContent)
        response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func logoutEverywhere(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let count = try context.services.accounts.authenticator.logoutEverywhere(
            caller.principal, ip: context.clientAddress, now: Date())
        var response = Response.json(["sessions_revoked": JSON(count)])
        response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    /// The schema of ``signedIn(_:csrfToken:company:)``.
    static let signedInSchema = APISchema.object([
        "csrf_token": .string, "user": .object(["id": .uuid, "email": .string]),
        "company": AccountJSON.companySchema.orNull, "role": .oneOf(["client", "finance", "admin"]),
        "referral?": .object(["code": .string, "applied": .boolean]),
    ])

    /// The body a fresh registration of `registration` would get, with ids that belong to nothing.
    static func decoyBody(_ registration: Registration, csrfToken: String) -> JSON {
        let address = registration.billingAddress
        return [
            "csrf_token": .string(csrfToken),
            "user": ["id": .string(UUID().uuidString.lowercased()), "email": .string(registration.email.value)],
            "company": [
                "id": .string(UUID().uuidString.lowercased()), "name": .string(registration.companyName),
                "country": .string(registration.country.code), "vat_id": JSON(registration.vatId?.value),
                "billing_address": [
                    "street": JSON(address.street), "extra": JSON(address.extra),
                    "postal_code": JSON(address.postalCode), "city": JSON(address.city),
                ],
                "created_at": .string(AccountJSON.timestamp(Date())),
            ],
            "role": .string(Role.client.rawValue),
        ]
    }

    /// The body of a successful sign-in or registration.
    static func signedIn(_ principal: Principal, csrfToken: String, company: Company?) -> JSON {
        [
            "csrf_token": .string(csrfToken),
            "user": ["id": .string(principal.userID.rawValue), "email": .string(principal.email.value)],
            "company": company.map(AccountJSON.company) ?? .null,
            "role": .string(principal.role.rawValue),
        ]
    }
}
