import Domain
import Foundation
import Pages
import Storage
import Web

/// Helpers of the portal pages: who is signed in, where to send who is not, and the error keys the page
/// templates localize.
enum PortalSession {
    /// The signed-in caller of a portal page, or a 303 to the sign-in page (thrown as a response).
    static func caller(_ context: RequestContext, _ language: Language) throws -> Caller {
        guard let caller = try context.caller(), caller.usesSession else {
            throw RedirectResponse(location: Page.login.path(in: language) + "?next=" + returnTarget(context))
        }
        return caller
    }

    /// The longest `next` target (encoded) the sign-in redirect carries; a longer query is dropped, so the
    /// `Location` header stays far below nginx's `fastcgi_buffer_size` (16 KiB) whatever the URI (issue #17:
    /// an 8 KB query grew to a 24 KB header, and nginx answered 502).
    static let maximumReturnTargetBytes = 2048

    /// The page asked for, query included (the checkout success page needs its `session_id`), percent-encoded
    /// as one query value; without the query when that would be longer than ``maximumReturnTargetBytes``, and
    /// the language's account page when even the path is.
    static func returnTarget(_ context: RequestContext) -> String {
        let query = context.request.rawQuery
        let path = context.request.rawPath
        for candidate in [path + (query.isEmpty ? "" : "?" + query), path] {
            let encoded = PercentEncoding.encodeFormComponent(candidate)
            if encoded.utf8.count <= maximumReturnTargetBytes { return encoded }
        }
        return PercentEncoding.encodeFormComponent(
            Page.account.path(in: SiteLanguage.of(path: path) ?? .en))
    }

    /// The caller of a portal form post: signed in, and the session's CSRF token in the form.
    static func poster(_ context: RequestContext, _ language: Language) throws -> Caller {
        let caller = try Self.caller(context, language)
        let form = try? context.request.decodeForm()
        guard let session = caller.session, session.acceptsCSRFToken(form?["csrf_token"]),
            FormGuard.isSameOrigin(context)
        else { throw Problem.forbidden(detail: "The form has expired; please reload the page.") }
        return caller
    }

    /// A safe local `next` path (the portal or the site), else the account page.
    static func next(_ value: String?, _ language: Language) -> String {
        ConsentForm.returnPath(value, language: language) == Page.home.path(in: language)
            ? Page.account.path(in: language) : ConsentForm.returnPath(value, language: language)
    }

    /// The template's error key for a registration problem.
    static func errorKey(_ problem: Domain.FieldError.Problem) -> String { problem.messageKey }
}

/// A response thrown from deep inside a page handler (a redirect to sign in); ``ErrorResponses`` renders it.
struct RedirectResponse: Error {
    let location: String
}
