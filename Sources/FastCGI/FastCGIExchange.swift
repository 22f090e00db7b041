internal import CFastCGI
public import Web

/// One accepted request: Swift copies of its CGI parameters and body, and the way to answer it.
///
/// The values stay valid forever; writing is only possible until ``finish()`` or the responder's next
/// accept (which finishes the exchange implicitly).
public final class FastCGIExchange {
    /// Every CGI parameter nginx sent (`REQUEST_METHOD`, `REQUEST_URI`, `HTTP_*`, ...), copied into one buffer.
    public let parameters: CGIParameters
    /// The request body; empty when ``bodyTooLarge``.
    public let body: [UInt8]
    /// Whether the body was declared or found to be larger than the limit and was not kept: answer 413.
    public let bodyTooLarge: Bool
    /// The declared `CONTENT_LENGTH`, or `nil` when absent, empty or malformed. When the body is shorter
    /// than declared, stdin ended early.
    public let declaredContentLength: Int?

    private let responder: FastCGIResponder
    /// The responder's request this exchange answers through: 0 the one ``FastCGIResponder/accept(maximumBodyBytes:)``
    /// returned, 1… those of ``FastCGIResponder/acceptPending(upTo:maximumBodyBytes:)``.
    private let slot: Int
    private let generation: UInt64
    private var finished = false
    private var answered = false

    init(
        responder: FastCGIResponder, slot: Int, generation: UInt64, parameters: CGIParameters, body: [UInt8],
        bodyTooLarge: Bool, declaredContentLength: Int?
    ) {
        self.responder = responder
        self.slot = slot
        self.generation = generation
        self.parameters = parameters
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.declaredContentLength = declaredContentLength
    }

    /// Whether this exchange can still write.
    public var isOpen: Bool { !finished && responder.generation(slot: slot) == generation }

    /// Writes `bytes` (a complete CGI response, e.g. `Response.cgiBytes()`) as the request's whole reply: its
    /// stdout records, the end of stdout and the end-of-request record, in one write (``FastCGIResponder/reply(_:)``
    /// says why). Afterwards the exchange can only ``finish()``.
    ///
    /// A write to a peer that went away fails with `EPIPE`.
    ///
    /// - Throws: ``FastCGIError`` when the exchange is no longer open, was answered already, or the write fails.
    public func respond(_ bytes: [UInt8]) throws(FastCGIError) {
        guard isOpen else {
            throw FastCGIError(call: "write", errnoCode: 0, reason: "the exchange is already finished")
        }
        guard !answered else {
            throw FastCGIError(call: "write", errnoCode: 0, reason: "the exchange was answered already")
        }
        answered = true
        try responder.reply(bytes, slot: slot)
    }

    /// Flushes the output, ends the request and closes the connection at once (nginx does not keep FastCGI
    /// connections alive by default; ``FastCGIResponder/endRequest()`` says why the close does not wait for nginx's).
    /// Safe to call twice; the next accept calls it implicitly.
    public func finish() {
        guard isOpen else { return }
        finished = true
        responder.endRequest(slot: slot)
    }
}
