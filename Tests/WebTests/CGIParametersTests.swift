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

    @Test func theFastCGICopySplitsAtTheFirstEqualsSignAndSkipsEntriesWithoutOne() {
        // replaceAll (the FastCGI layer's copy, which finds the sign with memchr) reads what append(entry:) reads.
        let entries = ["QUERY_STRING=a=1&b=2", "EMPTY=", "NO_EQUALS_SIGN", "=nameless", "REQUEST_METHOD=POST"]
        let joined = Array(entries.joined().utf8)
        let starts = entries.indices.map { entries[..<$0].reduce(0) { $0 + $1.utf8.count } }
        var parameters = CGIParameters(reservingBytes: 8, entries: 1)
        joined.withUnsafeBufferPointer { all in
            parameters.replaceAll(byteCount: all.count, entryCount: entries.count) { index in
                UnsafeBufferPointer(rebasing: all[starts[index]..<(starts[index] + entries[index].utf8.count)])
            }
        }
        #expect(parameters.count == 4)
        #expect(parameters["QUERY_STRING"] == "a=1&b=2")
        #expect(parameters["EMPTY"] == "")
        #expect(parameters["NO_EQUALS_SIGN"] == nil)
        #expect(parameters[""] == "nameless")
        #expect(parameters["REQUEST_METHOD"] == "POST")
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

    @Test func replacingAllFromAnEnvironmentEqualsAppendingEachEntry() {
        let entries = [
            "REQUEST_METHOD=POST", "NO_EQUALS_SIGN", "REQUEST_URI=/a?b=c", "QUERY_STRING=b=c", "EMPTY=",
            "CONTENT_LENGTH=3", "REQUEST_ID=id", "HTTP_X=1=2",
        ]
        let arrays = entries.map { Array($0.utf8) }
        var replaced = Self.copied(["OLD=1", "REQUEST_URI=/old"])
        let earlier = replaced
        let buffers = arrays.map { array in
            array.withUnsafeBufferPointer { UnsafeMutableBufferPointer<UInt8>.allocate(capacity: $0.count) }
        }
        defer { buffers.forEach { $0.deallocate() } }
        for (buffer, array) in zip(buffers, arrays) { _ = buffer.initialize(from: array) }
        replaced.replaceAll(byteCount: arrays.reduce(0) { $0 + $1.count }, entryCount: buffers.count) {
            UnsafeBufferPointer(buffers[$0])
        }
        let appended = Self.copied(entries)
        #expect(replaced.entries.map(\.name) == appended.entries.map(\.name))
        #expect(replaced.entries.map(\.value) == appended.entries.map(\.value))
        #expect(Self.requestLine(replaced) == ["POST", "/a?b=c", "b=c", "id", "3"])
        #expect(replaced["HTTP_X"] == "1=2" && replaced["NO_EQUALS_SIGN"] == nil && replaced["OLD"] == nil)
        #expect(earlier["REQUEST_URI"] == "/old", "an earlier copy keeps its own storage")
        replaced.replaceAll(byteCount: 0, entryCount: 0) { _ in UnsafeBufferPointer(start: nil, count: 0) }
        #expect(replaced.count == 0 && Self.requestLine(replaced) == ["", "", "", "", ""])
    }
}
