/// # FastCGI
///
/// The accept loop over libfcgi: copies each request's parameters and body out and writes the response.
enum FastCGIModule {}
