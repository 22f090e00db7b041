extension Response {
    /// The CGI response nginx reads from a FastCGI worker's stdout:
    /// `Status: 404 Not Found\r\n`, the header fields, `Content-Length`, a blank line, then the body.
    ///
    /// - Header fields whose name is not an RFC 9110 token, or whose value contains a control character
    ///   (CR, LF, NUL...; horizontal tab is allowed), are dropped: nothing a handler puts in a header can
    ///   split the response. A `Status` or `Content-Length` field from ``headers`` is ignored; the real
    ///   ones are computed. A reason phrase with control characters is replaced by the standard one.
    /// - `includeBody: false` (for HEAD) keeps `Content-Length` of the body but omits the body.
    /// - 1xx, 204 and 304 responses get neither `Content-Length` nor a body.
    public func cgiBytes(includeBody: Bool = true) -> [UInt8] {
        let sendsContent = !status.forbidsContent
        var output: [UInt8] = []
        output.reserveCapacity(128 + headers.count * 48 + (includeBody && sendsContent ? body.count : 0))
        JSONWriter.appendStatic("Status: ", to: &output)
        JSONWriter.appendInteger(Int64(status.code), to: &output)
        output.append(UInt8(ascii: " "))
        let reason =
            Response.isFieldValue(status.reasonPhrase)
            ? status.reasonPhrase : HTTPStatus.standardReasonPhrase(for: status.code)
        output.append(contentsOf: reason.utf8)
        JSONWriter.appendStatic("\r\n", to: &output)
        for field in headers where Response.isRenderable(field) {
            output.append(contentsOf: field.name.utf8)
            JSONWriter.appendStatic(": ", to: &output)
            output.append(contentsOf: field.value.utf8)
            JSONWriter.appendStatic("\r\n", to: &output)
        }
        if sendsContent {
            JSONWriter.appendStatic("Content-Length: ", to: &output)
            JSONWriter.appendInteger(Int64(body.count), to: &output)
            JSONWriter.appendStatic("\r\n", to: &output)
        }
        JSONWriter.appendStatic("\r\n", to: &output)
        if includeBody && sendsContent { output.append(contentsOf: body) }
        return output
    }

    static func isRenderable(_ field: HTTPHeaders.Field) -> Bool {
        ASCII.isToken(field.name)
            && !ASCII.caseInsensitiveEquals(field.name, "Status")
            && !ASCII.caseInsensitiveEquals(field.name, "Content-Length")
            && isFieldValue(field.value)
    }

    /// Whether `value` has no control characters other than horizontal tab.
    static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 ? $0 != 0x7F : $0 == 0x09 }
    }
}
