/// An ordered list of header fields with case-insensitive lookup; a name may occur several times.
///
/// Names keep the spelling they were added with. Nothing is validated on insertion: fields whose name is
/// not a token or whose value contains CR, LF or NUL are dropped when a ``Response`` is rendered.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable, Equatable {
        /// The field name as added, for example `"Content-Type"`.
        public var name: String
        /// The field value.
        public var value: String

        /// A field with `name` and `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in order.
    public private(set) var fields: [Field]

    /// No fields.
    public init() {
        fields = []
    }

    /// The given fields in order.
    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    /// The given fields in order; a name may repeat.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value for `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        fields.first { ASCII.caseInsensitiveEquals($0.name, name) }?.value
    }

    /// Every value for `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        fields.filter { ASCII.caseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` (case-insensitive) exists.
    public func contains(_ name: String) -> Bool {
        fields.contains { ASCII.caseInsensitiveEquals($0.name, name) }
    }

    /// Appends a field, keeping any existing fields of the same name (for `Set-Cookie`, `Vary`...).
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` with one field holding `value` (at the first one's position).
    public mutating func replaceOrAdd(name: String, value: String) {
        if let index = fields.firstIndex(where: { ASCII.caseInsensitiveEquals($0.name, name) }) {
            fields[index] = Field(name: name, value: value)
            var next = index + 1
            while next < fields.count {
                if ASCII.caseInsensitiveEquals(fields[next].name, name) {
                    fields.remove(at: next)
                } else {
                    next += 1
                }
            }
        } else {
            fields.append(Field(name: name, value: value))
        }
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(name: String) {
        fields.removeAll { ASCII.caseInsensitiveEquals($0.name, name) }
    }

    /// Appends every field of `other`, replacing fields of the same names here first.
    public mutating func merge(_ other: HTTPHeaders) {
        for name in Set(other.fields.map { ASCII.lowercased($0.name) }) { remove(name: name) }
        fields.append(contentsOf: other.fields)
    }
}
