import Foundation

/// A loopback HTTP endpoint that records webhook deliveries and answers with a fixed status: the
/// receiving side for tests of the webhook trigger.
public final class StripeWebhookReceiver: @unchecked Sendable {
    /// One delivery.
    public struct Delivery: Sendable, Equatable {
        /// The request path.
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
        /// The exact body bytes.
        public var body: [UInt8]
    }

    private let lock = NSLock()
    private var received: [Delivery] = []
    private var http: StripeStandInHTTP!

    /// Starts listening on a random loopback port; every POST is answered with `status`.
    public init(status: Int = 200) throws {
        http = try StripeStandInHTTP { [weak self] request in
            guard let self else { return .close }
            let delivery = Delivery(path: request.target, headers: request.headers, body: request.body)
            lock.withLock { received.append(delivery) }
            return .respond(status: status, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        }
    }

    deinit { http?.stop() }

    /// `http://127.0.0.1:PORT/api/v1/billing/webhook`.
    public var url: String { "http://127.0.0.1:\(http.port)/api/v1/billing/webhook" }

    /// The deliveries so far.
    public var deliveries: [Delivery] { lock.withLock { received } }
}
