import Domain
import Logging
import Pages
import Web

/// The one place where errors become HTTP responses: problem+json for the API, a localized page for the
/// site. Internals are logged with the request id and never shown; a database outage is logged once per 10 s
/// per worker with the count of the lines left out (``RepeatedLogLine``), not once per request.
enum ErrorResponses {
    /// The response for `error` thrown while answering `request`.
    static func response(for error: any Error, request: Request, logger: Logger, site: SitePages?) -> Response {
        if let redirect = error as? RedirectResponse {
            var response = Response.redirect(to: redirect.location, status: .seeOther)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
        let language = SiteLanguage.of(path: request.path) ?? StaffPage.language(ofPath: request.path)
        let problem = problem(for: error, logger: logger, language: language?.rawValue)
        return render(problem, request: request, site: site)
    }

    /// Maps an error to its problem through ``ProblemConvertible`` (texts in `language` where the error has
    /// them); an error that is not convertible is an internal error. Every server error that is not a
    /// deliberately thrown ``Problem`` is logged (``LoggedFailure`` lets an error choose its line).
    static func problem(for error: any Error, logger: Logger, language: String? = nil) -> Problem {
        guard let convertible = error as? any ProblemConvertible else {
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .internal()
        }
        let problem = language.map { convertible.problem(language: $0) } ?? convertible.problem
        if problem.status.code >= 500, !(error is Problem) {
            if let failure = error as? any LoggedFailure {
                failure.log(to: logger)
            } else {
                logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        return problem
    }

    /// Renders `problem` as problem+json, or as an HTML page for the site's paths.
    static func render(_ problem: Problem, request: Request, site: SitePages?) -> Response {
        if let language = StaffPage.language(ofPath: request.path) {
            return ErrorPage.response(problem: problem, language: language)
        }
        if let language = SiteLanguage.of(path: request.path), !request.path.hasPrefix("/api/") {
            if problem.status == .notFound, let site {
                var response = Response.html(
                    site.render(page: .notFound, language: language, context: PageContext(showConsentBanner: false)),
                    status: .notFound)
                response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
                response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex")
                response.headers.replaceOrAdd(name: "Content-Language", value: language.rawValue)
                return response
            }
            return ErrorPage.response(problem: problem, language: language)
        }
        var problem = problem
        if !request.requestID.isEmpty, problem.extensions["request_id"] == nil {
            problem.extensions["request_id"] = .string(request.requestID)
        }
        var response = Response.problem(problem)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }
}
