import Logging
import Web

/// A write a worker did for one request together with others of its group, for the request's handler to answer
/// from (``RequestContext/preparedWrite``).
enum PreparedWrite {
    /// A usage batch (``UsageGroup``).
    case usage(PreparedIngestion)
    /// A Stripe webhook's event (``WebhookGroup``).
    case webhook(PreparedWebhook)
}

/// Requests whose writes a worker does together, in one statement and one transaction, when they arrive together:
/// single usage events (``UsageGroup``) and Stripe webhooks (``WebhookGroup``). Their cost is per request — a
/// statement, a transaction and a commit's flush for a few hundred bytes — so under load, with requests waiting on
/// the pool's socket, doing them together is what lets ingestion keep up with the database's own insert rate.
///
/// A worker whose next request may start a group (``kind(of:)``) takes the requests already waiting with it, up to
/// ``limit`` in all and without waiting for more (``FastCGI/FastCGIResponder/acceptPending(upTo:maximumBodyBytes:)``;
/// a request alone goes the usual way). Those of the group's kind that can be written together are, in one
/// transaction committed before any answer; then each request is answered through the application as it would have
/// been alone, the grouped ones from their prepared write, every other one (another route, a request the group cannot
/// take) the usual way after them.
enum RequestGroup {
    /// The kinds of groups.
    enum Kind {
        case usage
        case webhook
    }

    /// The most requests a worker holds at once for a group (the one it accepted and those waiting).
    static let limit = 16

    /// The kind of group a request with this request line may start, if any.
    static func kind(of line: CGIRequestLine) -> Kind? {
        if UsageGroup.mayStart(line) { return .usage }
        if WebhookGroup.mayStart(line) { return .webhook }
        return nil
    }

    /// The writes of `requests` that a group of `kind` does together, done (nil for each request that takes the usual
    /// way). A request is nil when it could not be parsed or its body was over the limit.
    static func prepare(_ kind: Kind, _ requests: [Request?], services: Services) -> [PreparedWrite?] {
        switch kind {
        case .usage: UsageGroup.prepare(requests, services: services).map { $0.map(PreparedWrite.usage) }
        case .webhook: WebhookGroup.prepare(requests, services: services).map { $0.map(PreparedWrite.webhook) }
        }
    }

    /// Does the writes of a group's `count` requests with `write` (one statement), timed: the result and each
    /// request's share of the time, or nil when the statement failed (logged; each request then takes the usual way).
    static func together<Value>(
        _ what: String, count: Int, services: Services, _ write: () throws -> Value
    ) -> (value: Value, databaseNanoseconds: Int64)? {
        let started = monotonicNanoseconds()
        do {
            let value = try write()
            return (value, (monotonicNanoseconds() - started) / Int64(max(1, count)))
        } catch {
            services.logger.warning(
                "\(what) group: the statement failed; each request takes the usual way",
                metadata: ["requests": "\(count)", "error": "\(String(reflecting: error))"])
            return nil
        }
    }

    /// Whether the request line is a POST of exactly `path` (no query).
    static func isPost(_ line: CGIRequestLine, to path: [UInt8]) -> Bool {
        CGIRequestLine.equals(line.method, post) && CGIRequestLine.equals(line.uri, path)
    }

    private static let post = Array("POST".utf8)
}
