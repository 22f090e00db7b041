/// An RFC 9457 problem details object: the body of every error response of the API.
///
/// A `Problem` is an `Error`, so a handler may `throw Problem.notFound()`; `App` renders it with
/// ``Response/problem(_:)`` as `application/problem+json`. ``headers`` carries the response headers some
/// statuses need (`Allow` for 405, `Retry-After` for 429 and 503); they are not part of the JSON.
public struct Problem: Error, Sendable, Equatable {
    /// A URI reference identifying the problem type; `about:blank` means "just the status".
    public var type: String
    /// A short summary of the type; for `about:blank` the status's reason phrase.
    public var title: String
    /// The HTTP status.
    public var status: HTTPStatus
    /// An explanation of this occurrence, for a person; never internals.
    public var detail: String?
    /// A URI reference identifying this occurrence, or `nil`.
    public var instance: String?
    /// Problems with individual fields of the input.
    public var errors: [FieldError]
    /// Extension members, rendered after the standard ones (standard names are skipped).
    public var extensions: JSONObject
    /// Response headers that belong with this problem.
    public var headers: HTTPHeaders

    /// A problem; `title` defaults to the status's reason phrase.
    public init(
        status: HTTPStatus,
        type: String = "about:blank",
        title: String? = nil,
        detail: String? = nil,
        instance: String? = nil,
        errors: [FieldError] = [],
        extensions: JSONObject = JSONObject(),
        headers: HTTPHeaders = [:]
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    /// The problem as JSON: `type`, `title`, `status`, then `detail`, `instance`, `errors` when present,
    /// then the extension members.
    public var json: JSON {
        var object: JSONObject = ["type": .string(type), "title": .string(title), "status": .int(Int64(status.code))]
        if let detail { object["detail"] = .string(detail) }
        if let instance { object["instance"] = .string(instance) }
        if !errors.isEmpty { object["errors"] = .array(errors.map(\.json)) }
        for member in extensions where object[member.key] == nil {
            object[member.key] = member.value
        }
        return .object(object)
    }

    /// 400: the request is malformed.
    public static func badRequest(detail: String? = nil, errors: [FieldError] = []) -> Problem {
        Problem(status: .badRequest, detail: detail, errors: errors)
    }

    /// 401: authentication is missing or invalid.
    public static func unauthorized(detail: String? = nil) -> Problem {
        Problem(status: .unauthorized, detail: detail)
    }

    /// 403: authenticated but not allowed (also a failed CSRF check).
    public static func forbidden(detail: String? = nil) -> Problem {
        Problem(status: .forbidden, detail: detail)
    }

    /// 404: nothing here (also for another tenant's resources).
    public static func notFound(detail: String? = nil) -> Problem {
        Problem(status: .notFound, detail: detail)
    }

    /// 405 with the `Allow` header listing `allow` (sorted, without duplicates).
    public static func methodNotAllowed(allow: [HTTPMethod]) -> Problem {
        let allowed = Array(Set(allow)).sorted()
        return Problem(
            status: .methodNotAllowed,
            detail: "Allowed methods: \(allowed.map(\.rawValue).joined(separator: ", ")).",
            headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
    }

    /// 409: the request conflicts with the current state.
    public static func conflict(detail: String? = nil) -> Problem {
        Problem(status: .conflict, detail: detail)
    }

    /// 413: the body is larger than `limit` bytes.
    public static func payloadTooLarge(limit: Int? = nil) -> Problem {
        Problem(status: .contentTooLarge, detail: limit.map { "The request body must not exceed \($0) bytes." })
    }

    /// 415: the body's media type is not `expected`.
    public static func unsupportedMediaType(expected: String) -> Problem {
        Problem(status: .unsupportedMediaType, detail: "The request body must be \(expected).")
    }

    /// 422: the body is well-formed but its values are not acceptable.
    public static func unprocessable(detail: String? = nil, errors: [FieldError]) -> Problem {
        Problem(status: .unprocessableContent, detail: detail, errors: errors)
    }

    /// 429 with `Retry-After` in seconds when given.
    public static func tooManyRequests(retryAfter seconds: Int? = nil) -> Problem {
        Problem(status: .tooManyRequests, headers: seconds.map { ["Retry-After": String($0)] } ?? [:])
    }

    /// 503 with `Retry-After` in seconds when given.
    public static func serviceUnavailable(retryAfter seconds: Int? = nil, detail: String? = nil) -> Problem {
        Problem(
            status: .serviceUnavailable, detail: detail,
            headers: seconds.map { ["Retry-After": String($0)] } ?? [:])
    }

    /// 500 without any detail: internals are logged, never shown.
    public static func `internal`() -> Problem {
        Problem(status: .internalServerError)
    }
}
