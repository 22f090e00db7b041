/// The CGI parameters the worker reads for every request before parsing it, as the bytes nginx sent
/// (``CGIParameters/withRequestLine(_:)``); an absent parameter is empty. Only valid inside that call.
public struct CGIRequestLine {
    /// `REQUEST_METHOD`.
    public let method: UnsafeBufferPointer<UInt8>
    /// `REQUEST_URI`: path and query, still percent-encoded.
    public let uri: UnsafeBufferPointer<UInt8>
    /// `QUERY_STRING`.
    public let query: UnsafeBufferPointer<UInt8>
    /// `REQUEST_ID` (nginx's `$request_id`), unchecked.
    public let requestID: UnsafeBufferPointer<UInt8>
    /// `CONTENT_LENGTH` (empty for a request without a body).
    public let contentLength: UnsafeBufferPointer<UInt8>

    /// Whether `value` holds exactly the bytes of `text`.
    public static func equals(_ value: UnsafeBufferPointer<UInt8>, _ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { CGIParameters.equal(value, $0) }
    }
}
