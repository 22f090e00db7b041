/// Name/value pairs in `application/x-www-form-urlencoded` form: a query string or a form body.
///
/// Parsing is strict: `+` is a space, `%XX` is decoded, and an invalid percent-encoding, a NUL byte or
/// invalid UTF-8 throws ``WebError/invalidRequest(_:)``. Empty pieces (`a=1&&b=2`) are skipped; a piece
/// without `=` is a name with an empty value. Order and repeated names are kept.
public struct FormData: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One name/value pair.
    public struct Field: Sendable, Equatable {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String

        /// A pair with `name` and `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The pairs in order.
    public var fields: [Field]

    /// The given pairs in order.
    public init(fields: [Field] = []) {
        self.fields = fields
    }

    /// The given pairs in order; names may repeat.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// Parses an encoded string such as `a=1&b=x+y&b=%C3%A4`.
    ///
    /// Splits on the bytes `&` and `=` of its UTF-8 form (as the URL standard's form parser does), not on
    /// `Character`s: a `String`'s `split` walks grapheme clusters, which cost the configurator's query string of
    /// three pairs ~44,000 instructions (issue #16); the bytes cost a tenth of that.
    public init(parsing encoded: some StringProtocol) throws(WebError) {
        var text = String(encoded)
        let parsed: Result<[Field], WebError> = text.withUTF8 { bytes in
            var fields: [Field] = []
            var start = 0
            do throws(WebError) {
                while start <= bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                    if end > start {
                        let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                        if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                            let name = try PercentEncoding.decode(
                                UnsafeBufferPointer(rebasing: piece[..<equals]), plusAsSpace: true)
                            let value = try PercentEncoding.decode(
                                UnsafeBufferPointer(rebasing: piece[(equals + 1)...]), plusAsSpace: true)
                            fields.append(Field(name: name, value: value))
                        } else {
                            fields.append(Field(name: try PercentEncoding.decode(piece, plusAsSpace: true), value: ""))
                        }
                    }
                    start = end + 1
                }
            } catch {
                return .failure(error)
            }
            return .success(fields)
        }
        fields = try parsed.get()
    }

    /// Parses an encoded body; bytes outside ASCII must themselves be valid UTF-8.
    public init(parsing body: [UInt8]) throws(WebError) {
        guard UTF8Validation.isValid(body) else { throw .invalidRequest("form data is not UTF-8") }
        try self.init(parsing: String(decoding: body, as: UTF8.self))
    }

    /// Whether there are no pairs.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the pairs in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value for `name` (case-sensitive), or `nil`.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value for `name` (case-sensitive), in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// Appends a pair.
    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// The encoded form, `name=value` pairs joined by `&`, with spaces as `+`.
    public var encoded: String {
        fields.map {
            PercentEncoding.encodeFormComponent($0.name) + "=" + PercentEncoding.encodeFormComponent($0.value)
        }
        .joined(separator: "&")
    }
}
