public import Logging
public import Postgres
import Storage
public import Web

/// Everything a route handler gets: the request, the worker's long-lived services and a logger that
/// carries the request id.
public final class RequestContext {
    /// The request, with path parameters filled in by the router.
    public let request: Request
    /// The worker's services (database connection, renderer, configuration).
    public let services: Services
    /// A logger with `request.id` metadata, made on first use (most requests log nothing).
    public lazy var logger: Logger = {
        var logger = services.logger
        if !request.requestID.isEmpty { logger[metadataKey: "request.id"] = "\(request.requestID)" }
        return logger
    }()
    /// The route pattern that matched, e.g. `/api/v1/orders/{id}`.
    public let route: String
    /// Time spent in the database during this request, in nanoseconds (for the slow-request log).
    public var databaseNanoseconds: Int64 = 0
    /// The caller once resolved (see `RequestContext+Auth.swift`).
    var resolvedCaller: Caller?
    /// The route's read that runs with a bearer token's look-up (``Route/bearerRead``).
    let bearerRead: APITokenStore.CompanionRead?
    /// The rows of ``bearerRead``, once a bearer token was resolved with it; nil otherwise (session callers).
    public internal(set) var bearerReadRows: [PostgresRow]?
    /// The route's read that runs with a session's look-up (``Route/sessionRead``).
    let sessionRead: SessionStore.CompanionRead?
    /// The rows of ``sessionRead``, once a session was resolved with it; nil otherwise (bearer callers, other routes).
    public internal(set) var sessionReadRows: [PostgresRow]?
    /// Whether this request was already counted against the caller's write budget (the route table's access
    /// check and the handler may both ask for the caller).
    var writeBudgetCounted = false
    /// The request's write as already done with the others of its worker's group (``RequestGroup``); its handler
    /// answers from it.
    var preparedWrite: PreparedWrite?

    init(
        request: Request, services: Services, route: String, bearerRead: APITokenStore.CompanionRead? = nil,
        sessionRead: SessionStore.CompanionRead? = nil
    ) {
        self.request = request
        self.services = services
        self.route = route
        self.bearerRead = bearerRead
        self.sessionRead = sessionRead
    }

    /// The path parameter `name`; a missing one is a programming error in the route table.
    public func parameter(_ name: String) -> String {
        guard let value = request.parameter(name) else {
            preconditionFailure("route \(route) has no parameter {\(name)}")
        }
        return value
    }

    /// The body as a JSON object, requiring `Content-Type: application/json`.
    ///
    /// - Throws: ``Problem`` 415 for another media type, 400 for malformed JSON or a non-object, 422 when any
    ///   string or member name anywhere in the body contains U+0000 (no text field accepts it; ``JSONFields``
    ///   applies the full ``TextRule`` to the fields a route reads).
    public func jsonObject() throws -> JSONObject {
        guard request.mediaType == "application/json" else {
            throw Problem.unsupportedMediaType(expected: "application/json")
        }
        let value: JSON
        do {
            value = try request.decodeJSON()
        } catch {
            throw Problem.badRequest(detail: "The request body is not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw Problem.badRequest(detail: "The request body must be a JSON object.")
        }
        var nulPointers: [String] = []
        if Self.mayEscapeNUL(request.body) { Self.findNUL(in: value, path: [], into: &nulPointers) }
        guard nulPointers.isEmpty else {
            throw Problem.unprocessable(
                detail: "Text must not contain NUL characters.",
                errors: nulPointers.prefix(20).map {
                    Web.FieldError(pointer: $0, detail: "must not contain a NUL character", code: "control_character")
                })
        }
        return object
    }

    /// Whether strict JSON `body` may hold U+0000 in a string: only as the escape `\u0000` (the parser refuses raw
    /// control characters), so a body without those six bytes needs no walk through the parsed value.
    static func mayEscapeNUL(_ body: [UInt8]) -> Bool {
        let length = 6  // \u0000
        guard body.count >= length else { return false }
        return body.withUnsafeBufferPointer { bytes in
            var index = 0
            while index <= bytes.count - length {
                if bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                    bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0"),
                    bytes[index + 4] == UInt8(ascii: "0"), bytes[index + 5] == UInt8(ascii: "0")
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    private static func findNUL(in value: JSON, path: [String], into pointers: inout [String]) {
        switch value {
        case .string(let text) where text.utf8.contains(0):
            pointers.append(FieldError.pointer(path))
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                findNUL(in: element, path: path + [String(index)], into: &pointers)
            }
        case .object(let object):
            for member in object {
                if member.key.utf8.contains(0) { pointers.append(FieldError.pointer(path + [member.key])) }
                findNUL(in: member.value, path: path + [member.key], into: &pointers)
            }
        default:
            break
        }
    }
}
