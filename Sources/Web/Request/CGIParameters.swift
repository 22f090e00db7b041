#if canImport(Glibc)
    import Glibc
#endif

/// The CGI parameters of one FastCGI request (`REQUEST_METHOD`, `REQUEST_URI`, `HTTP_*` ...) in the order nginx
/// sent them: one flat byte buffer plus the boundaries of each entry, looked up by a linear scan.
///
/// A request carries about twenty parameters and the worker reads each one once. Copying them into one buffer and
/// walking it costs a fraction of building a `[String: String]` (a Swift string per name and value, a hash per name,
/// a dictionary per request): issue #16's callgrind profile counted ~13,000 instructions per request for the
/// dictionary alone. ``Request/init(cgiParameters:body:)-(CGIParameters,_)`` reads every field in one pass.
///
/// When a name occurs more than once, the last value wins (as it did in the dictionary).
public struct CGIParameters: Sendable {
    /// Every name and value, back to back (entries from a C environment keep their `=`).
    private var bytes: [UInt8] = []
    /// Where each entry's name starts, where its value starts and where the value ends, as offsets into ``bytes``.
    private var bounds: [Bounds] = []
    /// The entries of the parameters every request reads (``withRequestLine(_:)``), noted while copying: no
    /// search per request. -1 when absent; a repeated name notes its last entry.
    private var requestLineEntries = RequestLineEntries()

    struct RequestLineEntries: Sendable {
        var method = -1
        var uri = -1
        var query = -1
        var requestID = -1
        var contentLength = -1
    }

    struct Bounds: Sendable {
        var name: Int
        var value: Int
        var end: Int
        /// The name's length (an entry copied from a C environment keeps its `=` between name and value).
        var nameCount: Int
    }

    /// No parameters; `bytes` and `entries` reserve room for that many bytes and entries.
    public init(reservingBytes bytes: Int = 0, entries: Int = 0) {
        self.bytes.reserveCapacity(bytes)
        self.bounds.reserveCapacity(entries)
    }

    /// The parameters of a dictionary (tests and internal dispatch), in an unspecified order.
    public init(_ dictionary: [String: String]) {
        self.init(
            reservingBytes: dictionary.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count },
            entries: dictionary.count)
        for (name, value) in dictionary { append(name: name, value: value) }
    }

    /// The number of entries (a repeated name counts each time).
    public var count: Int { bounds.count }

    /// Appends one parameter.
    public mutating func append(name: String, value: String) {
        var name = name
        name.withUTF8 { noteRequestLineEntry(name: $0, index: bounds.count) }
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        let valueStart = bytes.count
        bytes.append(contentsOf: value.utf8)
        bounds.append(Bounds(name: start, value: valueStart, end: bytes.count, nameCount: valueStart - start))
    }

    /// Appends one `NAME=VALUE` entry of a C environment (the name ends at the first `=`); an entry without `=` is
    /// skipped.
    public mutating func append(entry: UnsafeBufferPointer<UInt8>) {
        var equals = 0
        while equals < entry.count && entry[equals] != UInt8(ascii: "=") { equals += 1 }
        guard equals < entry.count else { return }
        noteRequestLineEntry(name: UnsafeBufferPointer(rebasing: entry[..<equals]), index: bounds.count)
        let start = bytes.count
        bytes.append(contentsOf: entry)  // one copy of the whole entry; the `=` stays between name and value
        bounds.append(Bounds(name: start, value: start + equals + 1, end: bytes.count, nameCount: equals))
    }

    /// Replaces every parameter with `entryCount` entries of a C environment (`NAME=VALUE`, as ``append(entry:)``
    /// takes them) whose bytes add up to `byteCount`; `entry(i)` gives entry `i`. The bytes are copied in one go into
    /// the kept storage: the FastCGI layer's copy of each request's parameters.
    public mutating func replaceAll(
        byteCount: Int, entryCount: Int, entry: (_ index: Int) -> UnsafeBufferPointer<UInt8>
    ) {
        removeAll()
        bounds.reserveCapacity(entryCount)
        // Moved out while it is written, so that the entries can be noted meanwhile.
        var copied: [UInt8] = []
        swap(&copied, &bytes)
        defer { swap(&copied, &bytes) }
        copied.append(contentsOf: repeatElement(0, count: byteCount))
        var end = 0
        copied.withUnsafeMutableBufferPointer { storage in
            for index in 0..<entryCount {
                let source = entry(index)
                guard source.count <= byteCount - end, let base = source.baseAddress else { continue }
                // memchr: the C library's vectorised search (a byte-by-byte loop here was ~3,000 instructions per
                // request over the ~1 KB of parameters).
                guard let sign = memchr(base, Int32(UInt8(ascii: "=")), source.count) else { continue }
                let equals = UnsafeRawPointer(sign) - UnsafeRawPointer(base)
                noteRequestLineEntry(name: UnsafeBufferPointer(start: base, count: equals), index: bounds.count)
                (storage.baseAddress! + end).update(from: base, count: source.count)
                bounds.append(Bounds(name: end, value: end + equals + 1, end: end + source.count, nameCount: equals))
                end += source.count
            }
        }
        copied.removeLast(byteCount - end)
    }

    /// Empties the parameters but keeps their storage, so that the next request's copy allocates nothing (when no
    /// other copy of the old parameters is still alive).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        requestLineEntries = RequestLineEntries()
    }

    /// Notes entry `index`, named `name`, if it is one of the request line's parameters.
    private mutating func noteRequestLineEntry(name: UnsafeBufferPointer<UInt8>, index: Int) {
        // All of them start with R, Q or C; most other parameters of these lengths do not.
        guard (10...14).contains(name.count) else { return }
        let first = name[0]
        guard first == UInt8(ascii: "R") || first == UInt8(ascii: "Q") || first == UInt8(ascii: "C") else { return }
        func isNamed(_ literal: StaticString) -> Bool {
            Self.equal(name, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
        switch name.count {
        case 10: if isNamed("REQUEST_ID") { requestLineEntries.requestID = index }
        case 11: if isNamed("REQUEST_URI") { requestLineEntries.uri = index }
        case 12: if isNamed("QUERY_STRING") { requestLineEntries.query = index }
        case 14:
            if isNamed("REQUEST_METHOD") {
                requestLineEntries.method = index
            } else if isNamed("CONTENT_LENGTH") {
                requestLineEntries.contentLength = index
            }
        default: break
        }
    }

    /// Calls `body` with the values of `REQUEST_METHOD`, `REQUEST_URI`, `QUERY_STRING`, `REQUEST_ID` and
    /// `CONTENT_LENGTH` as they were sent (an absent one is empty), without a search or a string: what the worker reads for every request before
    /// it parses one (its scoreboard slot, a route's prepared answer). The buffers are only valid during the call.
    public func withRequestLine(_ body: (CGIRequestLine) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            func value(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                guard index >= 0 else { return UnsafeBufferPointer(start: buffer.baseAddress, count: 0) }
                let entry = bounds[index]
                return UnsafeBufferPointer(rebasing: buffer[entry.value..<entry.end])
            }
            body(
                CGIRequestLine(
                    method: value(requestLineEntries.method), uri: value(requestLineEntries.uri),
                    query: value(requestLineEntries.query), requestID: value(requestLineEntries.requestID),
                    contentLength: value(requestLineEntries.contentLength)))
        }
    }

    /// The value of the last parameter named `name` (case-sensitive, as CGI names are), or `nil`.
    public subscript(name: String) -> String? {
        var name = name
        return name.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { buffer in
                for entry in bounds.reversed() where entry.nameCount == wanted.count {
                    if Self.equal(
                        UnsafeBufferPointer(rebasing: buffer[entry.name..<entry.name + entry.nameCount]), wanted)
                    {
                        return String(
                            decoding: UnsafeBufferPointer(rebasing: buffer[entry.value..<entry.end]), as: UTF8.self)
                    }
                }
                return nil
            }
        }
    }

    /// Every entry as strings, in order (for tests and diagnostics; the request path uses ``forEach(_:)``).
    public var entries: [(name: String, value: String)] {
        var entries: [(name: String, value: String)] = []
        entries.reserveCapacity(count)
        forEach { name, value in
            entries.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return entries
    }

    /// Calls `body` with each entry's name and value bytes, in order; the buffers are only valid during the call.
    public func forEach(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            for entry in bounds {
                body(
                    UnsafeBufferPointer(rebasing: buffer[entry.name..<entry.name + entry.nameCount]),
                    UnsafeBufferPointer(rebasing: buffer[entry.value..<entry.end]))
            }
        }
    }

    /// Whether two byte buffers hold the same bytes (a plain loop: `elementsEqual` over buffers is not specialised
    /// and cost several thousand instructions per request).
    static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        var index = 0
        while index < left.count {
            if left[index] != right[index] { return false }
            index += 1
        }
        return true
    }
}
