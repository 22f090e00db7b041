/// # Web
///
/// HTTP vocabulary without I/O: requests built from CGI parameters, responses rendered to CGI bytes,
/// headers, cookies, forms, JSON, the router and RFC 9457 problem details.
enum WebModule {}
