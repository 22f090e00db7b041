import Testing

@testable import Web

@Suite struct CGIParametersTests {
    /// Appends `entries` as the FastCGI layer does: `NAME=VALUE` bytes of a C environment.
    static func copied(_ entries: [String]) -> CGIParameters {
        var parameters = CGIParameters(reservingBytes: 64, entries: 4)
        for entry in entries {
            Array(entry.utf8).withUnsafeBufferPointer { parameters.append(entry: $0) }
        }
        return parameters
    }

    @Test func entriesSplitAtTheFirstEqualsSign() {
        let parameters = Self.copied(["QUERY_STRING=a=1&b=2", "EMPTY=", "NO_EQUALS_SIGN", "=nameless"])
        #expect(parameters.count == 3)
        #expect(parameters["QUERY_STRING"] == "a=1&b=2")
        #expect(parameters["EMPTY"] == "")
        #expect(parameters["NO_EQUALS_SIGN"] == nil)
        #expect(parameters[""] == "nameless")
        #expect(parameters["QUERY"] == nil)
        #expect(parameters["query_string"] == nil)
    }

    @Test func aRepeatedNameKeepsItsLastValue() throws {
        let parameters = Self.copied([
            "REQUEST_METHOD=GET", "REQUEST_URI=/first", "HTTP_COOKIE=a=1", "REQUEST_URI=/second", "HTTP_COOKIE=b=2",
        ])
        #expect(parameters["REQUEST_URI"] == "/second")
        let request = try Request(cgiParameters: parameters, body: [])
        #expect(request.path == "/second")
        #expect(request.headers.values(for: "cookie") == ["b=2"])
    }

    @Test func theFlatCopyBuildsTheSameRequestAsTheDictionary() throws {
        let dictionary = RequestTests.nginxParameters.merging(["HTTP_X_REQUEST_ID": "client-id"]) { $1 }
        let entries = dictionary.map { "\($0.key)=\($0.value)" }.sorted()
        let flat = try Request(cgiParameters: Self.copied(entries), body: [])
        let fromDictionary = try Request(cgiParameters: dictionary, body: [])
        #expect(flat.headers == fromDictionary.headers)
        #expect(
            flat.headers.map(\.name) == [
                "accept-language", "content-length", "content-type", "cookie", "x-csrf-token", "x-request-id",
            ])
        #expect(flat.method == fromDictionary.method)
        #expect(flat.path == fromDictionary.path)
        #expect(flat.rawQuery == fromDictionary.rawQuery)
        #expect(flat.remoteAddress == "203.0.113.7" && flat.remotePort == 51234)
        #expect(flat.serverName == "codezero.example" && flat.serverPort == 8443)
        #expect(flat.isSecure)
        #expect(flat.requestID == "0123456789abcdef0123456789abcdef")
    }

    @Test func theClientRequestIDIsUsedOnlyWithoutASafeOneFromNginx() throws {
        let withoutNginxID = Self.copied(["REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_X_REQUEST_ID=abc-1.2_3"])
        #expect(try Request(cgiParameters: withoutNginxID, body: []).requestID == "abc-1.2_3")
        let unsafe = Self.copied(["REQUEST_METHOD=GET", "REQUEST_URI=/", "REQUEST_ID=", "HTTP_X_REQUEST_ID=a b"])
        #expect(try Request(cgiParameters: unsafe, body: []).requestID == "")
    }

    @Test func aMissingMethodOrURIIsRefused() {
        #expect(throws: WebError.self) { _ = try Request(cgiParameters: Self.copied(["REQUEST_URI=/"]), body: []) }
        #expect(throws: WebError.self) {
            _ = try Request(cgiParameters: Self.copied(["REQUEST_METHOD=GET"]), body: [])
        }
        #expect(throws: WebError.self) {
            _ = try Request(cgiParameters: Self.copied(["REQUEST_METHOD=G T", "REQUEST_URI=/"]), body: [])
        }
    }

    /// The request line as strings, through ``CGIParameters/withRequestLine(_:)``.
    static func requestLine(_ parameters: CGIParameters) -> [String] {
        var line: [String] = []
        parameters.withRequestLine { fields in
            line = [fields.method, fields.uri, fields.query, fields.requestID, fields.contentLength].map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return line
    }

    @Test func theRequestLineIsNotedWhileCopyingAndKeepsTheLastValues() {
        let parameters = Self.copied([
            "REQUEST_METHOD=GET", "REQUEST_URI=/first", "QUERY_STRING=a=1", "REQUEST_ID=abc", "REQUEST_URI=/second",
            "REQUEST_URIX=/not-it", "HTTP_REQUEST_ID=no", "request_method=no", "CONTENT_TYPE=text/plain",
            "CONTENT_LENGTH=12", "REQUEST_SCHEME=https", "QUERY_STRINGS=no",
        ])
        #expect(Self.requestLine(parameters) == ["GET", "/second", "a=1", "abc", "12"])
        #expect(Self.requestLine(Self.copied(["HTTPS=on"])) == ["", "", "", "", ""], "absent parameters are empty")
        var dictionary = CGIParameters(["REQUEST_METHOD": "HEAD", "REQUEST_URI": "/x?y", "QUERY_STRING": "y"])
        #expect(Self.requestLine(dictionary) == ["HEAD", "/x?y", "y", "", ""], "append(name:value:) notes them too")
        dictionary.removeAll()
        #expect(dictionary.count == 0)
        #expect(Self.requestLine(dictionary) == ["", "", "", "", ""])
        dictionary.append(name: "REQUEST_URI", value: "/again")
        #expect(Self.requestLine(dictionary) == ["", "/again", "", "", ""])
        #expect(dictionary["REQUEST_URI"] == "/again")
    }

    @Test func removingAllLeavesAnEarlierCopyIntact() {
        var parameters = Self.copied(["REQUEST_METHOD=GET", "REQUEST_URI=/kept"])
        let earlier = parameters
        parameters.removeAll()
        Array("REQUEST_URI=/new".utf8).withUnsafeBufferPointer { parameters.append(entry: $0) }
        #expect(earlier["REQUEST_URI"] == "/kept" && earlier.count == 2)
        #expect(Self.requestLine(earlier) == ["GET", "/kept", "", "", ""])
        #expect(parameters["REQUEST_URI"] == "/new" && parameters.count == 1)
    }
}
