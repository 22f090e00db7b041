/// # Web
///
/// HTTP vocabulary without I/O: requests built from CGI parameters, responses rendered to CGI bytes,
/// headers, cookies, forms, JSON, the router and RFC 9457 problem details.
///
/// The module owns the translation between the bytes nginx hands a FastCGI worker and typed values, and
/// back. It imports nothing but the standard library (no Foundation), does no I/O and keeps no global
/// state, so every part is tested without a socket.
///
/// - ``Request`` is built from CGI parameters and a body; ``Response`` renders itself with
///   ``Response/cgiBytes(includeBody:)``.
/// - ``JSON`` is the API's value type with a fast serializer and a strict RFC 8259 parser.
/// - ``Router`` maps a method and path to a handler of any type.
/// - ``Problem`` is an RFC 9457 error response that can be thrown.
/// - Every failure is a ``WebError``; `App` maps it to an HTTP status in one place.
enum WebModule {}
