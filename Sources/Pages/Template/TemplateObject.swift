/// A name a template looks up, with its ``TemplateObject/hash(_:)`` computed once when the template is compiled.
struct TemplateName: Sendable {
    /// The name.
    let text: String
    /// Its hash.
    let hash: UInt32

    init(_ text: String) {
        self.text = text
        hash = TemplateObject.hash(text)
    }
}

/// The named members of a ``TemplateValue/object(_:)``: what the view models build and the renderer looks up.
///
/// Why not `[String: TemplateValue]`: a page's render looks names up about 800 times (each name from the top of the
/// context stack down, a miss in every frame above the one that has it) and its view models build about 100 objects,
/// and a `Dictionary` hashes the `String` with a per-instance seeded SipHash on every insertion and on every lookup,
/// in every frame anew: a fifth of the worker's instructions for the configurator (issue #16 goal 2). Here a name's
/// hash is a plain FNV-1a over its bytes, computed once for a template's names (``TemplateName``) and once per
/// member inserted; a lookup compares integers along the members and then the one name whose hash matches (objects
/// of ``indexedFrom`` members or more, like the site's strings tables, probe an open-addressing index instead). The names
/// are the templates' and the view models' own, never a visitor's input, so an unseeded hash is safe here.
///
/// Behaves like the dictionary it replaces: one value per name, a later assignment replaces an earlier one, and
/// assigning nil removes the member.
public struct TemplateObject: Sendable {
    private struct Entry: Sendable {
        let name: String
        let hash: UInt32
        var value: TemplateValue
    }

    /// The members in insertion order (removal moves the last one into the gap).
    private var entries: [Entry] = []
    /// With ``indexedFrom`` members or more: open addressing over `entries` (index + 1; 0 is an empty slot),
    /// a power of two at least twice the members; empty below that.
    private var slots: [Int32] = []

    /// Objects with this many members or more look names up through an index; smaller ones compare along their
    /// members' hashes, which costs less than probing for the handful of members most objects have.
    static let indexedFrom = 16

    /// An empty object.
    public init() {}

    /// An empty object with room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// Makes room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// The members of `members`.
    public init(_ members: [String: TemplateValue]) {
        entries.reserveCapacity(members.count)
        for (name, value) in members {
            entries.append(Entry(name: name, hash: Self.hash(name), value: value))
        }
        if entries.count >= Self.indexedFrom { rebuildIndex() }
    }

    /// Each text of `texts` as a ``TemplateValue/text(_:)`` member of the same name.
    public init(texts: [String: String]) {
        self.init(texts.mapValues(TemplateValue.text))
    }

    /// `pairs` in order (a later duplicate name wins): what both dictionary literals build.
    init(pairs: [(String, TemplateValue)]) {
        entries.reserveCapacity(pairs.count)
        for (name, value) in pairs { self[name] = value }
    }

    /// The number of members.
    public var count: Int { entries.count }

    /// Whether there are no members.
    public var isEmpty: Bool { entries.isEmpty }

    /// The members' names, in no particular order.
    public var keys: [String] { entries.map(\.name) }

    /// The member `name`; assigning nil removes it.
    public subscript(name: String) -> TemplateValue? {
        get { position(of: name, hash: Self.hash(name)).map { entries[$0].value } }
        set { set(newValue, named: name, hash: Self.hash(name)) }
    }

    /// The member `name` (the renderer's look-up: the hash was computed when the template was compiled).
    func value(named name: TemplateName) -> TemplateValue? {
        position(of: name.text, hash: name.hash).map { entries[$0].value }
    }

    /// Whether this object and `other` are the same stored members (one object, copied, not rebuilt or changed
    /// since): what ``PageRenderer`` checks before it renders with members it folded into the templates.
    func sharesStorage(with other: TemplateObject) -> Bool {
        entries.withUnsafeBufferPointer { mine in
            other.entries.withUnsafeBufferPointer { theirs in
                mine.baseAddress == theirs.baseAddress && mine.count == theirs.count && slots.count == other.slots.count
            }
        }
    }

    /// This object with the members of `other` added; for a name in both, `combine` chooses (current, other).
    public func merging(
        _ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue
    ) -> TemplateObject {
        var merged = self
        merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    /// Adds the members of `other`; for a name in both, `combine` chooses (current, other).
    public mutating func merge(
        _ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue
    ) {
        entries.reserveCapacity(entries.count + other.entries.count)
        for entry in other.entries {
            if let position = position(of: entry.name, hash: entry.hash) {
                entries[position].value = combine(entries[position].value, entry.value)
            } else {
                set(entry.value, named: entry.name, hash: entry.hash)
            }
        }
    }

    /// The members' values transformed, by name (for tests and conversions, not for rendering).
    public func mapValues<T>(_ transform: (TemplateValue) throws -> T) rethrows -> [String: T] {
        var mapped: [String: T] = [:]
        mapped.reserveCapacity(entries.count)
        for entry in entries { mapped[entry.name] = try transform(entry.value) }
        return mapped
    }

    /// FNV-1a (32 bits) over the UTF-8 bytes of `name`.
    static func hash(_ name: String) -> UInt32 {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt32 = 2_166_136_261
            for byte in bytes {
                hash = (hash ^ UInt32(byte)) &* 16_777_619
            }
            return hash
        }
    }

    private func position(of name: String, hash: UInt32) -> Int? {
        if slots.isEmpty {
            for index in entries.indices where entries[index].hash == hash && entries[index].name == name {
                return index
            }
            return nil
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let entry = entries[stored - 1]
            if entry.hash == hash && entry.name == name { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func set(_ value: TemplateValue?, named name: String, hash: UInt32) {
        let existing = position(of: name, hash: hash)
        switch (existing, value) {
        case (let position?, let value?):
            entries[position].value = value
        case (nil, let value?):
            entries.append(Entry(name: name, hash: hash, value: value))
            if !slots.isEmpty, entries.count * 2 <= slots.count {
                insertSlot(entries.count - 1)
            } else if entries.count >= Self.indexedFrom {
                rebuildIndex()
            }
        case (let position?, nil):
            entries.swapAt(position, entries.count - 1)
            entries.removeLast()
            if !slots.isEmpty { rebuildIndex() }
        case (nil, nil):
            break
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count >= Self.indexedFrom else {
            slots = []
            return
        }
        var size = 32
        while size < entries.count * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        for index in entries.indices { insertSlot(index) }
    }

    private mutating func insertSlot(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }
}

extension TemplateObject: ExpressibleByDictionaryLiteral {
    /// An object (a later duplicate key wins).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(pairs: elements)
    }
}

extension TemplateObject: Sequence {
    /// The members as (key, value), in no particular order.
    public func makeIterator() -> AnyIterator<(key: String, value: TemplateValue)> {
        var iterator = entries.makeIterator()
        return AnyIterator { iterator.next().map { (key: $0.name, value: $0.value) } }
    }
}
