/// The members of a JSON object: unique keys in insertion order.
///
/// Lookup is a linear scan, which is the fastest choice for the small objects an API builds and receives;
/// the parser guards against duplicate keys with a hash set only for large objects.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSON)]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object from members with unique keys; a repeated key keeps its first position and last value.
    public init(_ members: [(key: String, value: JSON)]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// An object literal; a repeated key is a programming error (checked in debug builds).
    public init(dictionaryLiteral elements: (String, JSON)...) {
        members = elements.map { (key: $0.0, value: $0.1) }
        assert(Set(members.map(\.key)).count == members.count, "duplicate key in JSON object literal")
    }

    /// Members appended by the parser, which has already rejected duplicates.
    init(uniqueMembers: [(key: String, value: JSON)]) {
        members = uniqueMembers
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { members.makeIterator() }

    /// The value for `key`; setting `nil` removes the member, setting an existing key keeps its position.
    public subscript(key: String) -> JSON? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Compares keys and values without regard to order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }
}
