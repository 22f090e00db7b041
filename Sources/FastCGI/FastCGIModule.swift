/// # FastCGI
///
/// The accept loop over libfcgi: copies each request's parameters and body out and writes the response.
///
/// This module is the only one that imports `CFastCGI` (`internal import`). A worker creates one
/// ``FastCGIResponder`` on the listening socket nginx connects to (fd 0 by FastCGI convention) and calls
/// ``FastCGIResponder/accept(maximumBodyBytes:)`` in a loop; each ``FastCGIExchange`` holds Swift copies
/// of the CGI parameters and the body, and writes one CGI response. Single-threaded by design: no
/// threads, no shared state.
enum FastCGIModule {}
