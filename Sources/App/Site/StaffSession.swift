import Domain
import Foundation
import Pages
import Storage
import Web

/// Access to the back office's pages (issue 13) and their rendering: who is signed in, where to send who is
/// not (sign-in, then the second factor), CSRF and same origin on every post, and responses that are never
/// cached and never indexed.
enum StaffSession {
    /// The language of the back-office page asked for (German outside the two trees).
    static func language(_ context: RequestContext) -> Language {
        StaffPage.language(ofPath: context.request.path) ?? .de
    }

    /// Enforces `access` (``RouteAccess/staffPage``, ``RouteAccess/financePage`` or ``RouteAccess/adminPage``).
    ///
    /// - Throws: a ``RedirectResponse`` to the sign-in page without a session (a bearer token is no session), or
    ///   to the second-factor page for a staff session without it; a 403 ``Problem`` for clients, for finance on
    ///   admin pages, and for posts without the session's CSRF token or from another origin.
    static func enforce(_ access: RouteAccess, on context: RequestContext) throws {
        let language = language(context)
        guard let caller = try context.caller(), caller.usesSession else {
            throw RedirectResponse(location: redirect(to: .signIn, context, language))
        }
        guard caller.principal.role.isStaff else {
            throw Problem.forbidden(detail: "The back office is for staff accounts.")
        }
        if !context.request.method.isSafe, !FormGuard.isSameOrigin(context) {
            throw Problem.forbidden(detail: "The form has expired; please reload the page.")
        }
        switch access {
        case .financePage, .adminPage:
            if !caller.principal.secondFactor {
                throw RedirectResponse(location: redirect(to: .secondFactor, context, language))
            }
            try context.requireCaller(access == .adminPage ? .admin : .finance)
        default:
            try context.requireCaller(.ownCompany)
        }
    }

    /// `page` with `?next=` the page asked for.
    static func redirect(to page: StaffPage, _ context: RequestContext, _ language: Language) -> String {
        page.path(in: language) + "?next=" + PortalSession.returnTarget(context)
    }

    /// A safe `next` target inside the back office, else the dashboard.
    static func next(_ value: String?, _ language: Language) -> String {
        guard let value, value.hasPrefix("/admin/"), !value.contains("//"), !value.contains("\\"),
            value.utf8.count <= PortalSession.maximumReturnTargetBytes,
            value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return StaffPage.dashboard.path(in: language) }
        return value
    }

    /// The frame of a page for the signed-in `caller` (or nobody).
    static func frame(_ context: RequestContext, _ language: Language, _ caller: Caller?) -> StaffFrame {
        StaffFrame(
            language: language, path: context.request.path, csrfToken: caller?.session?.csrfToken,
            email: caller?.principal.email.value, isAdmin: caller?.principal.role == .admin,
            verified: caller?.principal.secondFactor == true)
    }

    /// `page` as HTML: `private, no-store`, `noindex`, in `language`.
    static func render(
        _ page: StaffPage, _ context: RequestContext, _ language: Language, _ caller: Caller?,
        _ values: TemplateObject = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let pages = try context.services.staffPages.get()
        var values = values
        if let done = context.request.query("done"), values["flash"] == nil,
            let text = StaffStrings.table(for: language)["flash_" + done]
        {
            values["flash"] = .text(text)
        }
        var frame = frame(context, language, caller)
        if frame.isAdmin, frame.verified {
            // The navigation counts the support requests waiting for staff (one indexed count).
            frame.openSupportRequests = try SupportStore(connection: context.services.database).openCount()
        }
        let html = pages.render(page, frame: frame, values: values)
        var response = Response.html(html, status: status)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "private, no-store")
        response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex, nofollow")
        response.headers.replaceOrAdd(name: "Content-Language", value: language.rawValue)
        return response
    }

    /// The form-error values of a page: the summary line and each field's message, localized.
    static func errors(
        _ errors: [String: String], _ language: Language, labels: [String: String] = [:]
    )
        -> TemplateObject
    {
        guard !errors.isEmpty else { return [:] }
        let text = { (key: String) in StaffStrings.text(key, language) }
        let fields = errors.keys.sorted().compactMap { field -> TemplateValue? in
            guard let label = labels[field] else { return nil }
            return ["field": .text(field), "label": .text(text(label)), "message": .text(text(errors[field]!))]
        }
        var messages: [String: String] = [:]
        for (field, key) in errors { messages[field] = text(key) }
        return [
            "form_error": .text(text(errors["form"] ?? "error_form")), "field_errors": .list(fields),
            "has_field_errors": .flag(!fields.isEmpty), "errors": .strings(messages),
        ]
    }
}
