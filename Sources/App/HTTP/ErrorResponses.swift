import Domain
import Logging
import Pages
import Postgres
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
        let problem = problem(for: error, logger: logger)
        return render(problem, request: request, site: site)
    }

    /// Maps an error to its problem.
    static func problem(for error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as PostgresError where error.isConnectionFailure:
            RepeatedLogLine.databaseUnavailable.error(logger, "database unavailable", metadata: ["error": "\(error)"])
            return .serviceUnavailable(retryAfter: 5, detail: "The database is not available. Please retry shortly.")
        case let error as PostgresError where error.isQueryCanceled:
            RepeatedLogLine.databaseTimeout.error(
                logger, "database statement timed out", metadata: ["error": "\(error.debugDescription)"])
            return .serviceUnavailable(retryAfter: 5, detail: "The request took too long. Please retry shortly.")
        case let error as DomainError:
            return DomainProblems.problem(for: error)
        default:
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .internal()
        }
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
