/// The server-side prepared statements of one connection, by SQL text and parameter types.
///
/// Preparing a statement once and then only executing it saves the server's parse and plan work
/// on every later call (about 1.5× the throughput for short reads). The cache is emptied on
/// reconnect; it stops growing at ``capacity`` (later new statements run unprepared).
final class StatementCache {
    struct Key: Hashable {
        var sql: String
        var types: [UInt32]

        /// Hashes the SQL's length and 16 bytes spread over it, not every byte: the text of a statement that reads
        /// with a principal's look-up is over 1,000 bytes, and hashing it whole cost ~6,000 instructions on every
        /// execution (issue #16's portal-page profile). Texts that share length and samples only share a bucket;
        /// equality (``==``) compares them whole, byte for byte as the server sees them (so equal keys always
        /// hash alike, which `String`'s Unicode equivalence would not guarantee here).
        func hash(into hasher: inout Hasher) {
            hasher.combine(types)
            var text = sql
            text.withUTF8 { bytes in
                hasher.combine(bytes.count)
                guard !bytes.isEmpty else { return }
                for sample in 0..<16 { hasher.combine(bytes[sample * (bytes.count - 1) / 15]) }
            }
        }

        static func == (left: Key, right: Key) -> Bool {
            guard left.types == right.types else { return false }
            var leftText = left.sql
            var rightText = right.sql
            return leftText.withUTF8 { leftBytes in
                rightText.withUTF8 { rightBytes in
                    leftBytes.count == rightBytes.count
                        && (leftBytes.baseAddress == rightBytes.baseAddress || leftBytes.elementsEqual(rightBytes))
                }
            }
        }
    }

    /// A prepared statement: its name on the server, and the columns of its last result (its results all have
    /// the same; ``PostgresResultShape``).
    final class Entry {
        let name: String
        var shape: PostgresResultShape?

        init(name: String) {
            self.name = name
        }
    }

    static let capacity = 256
    private var names: [Key: Entry] = [:]
    private var counter = 0

    var count: Int { names.count }

    /// An already prepared statement.
    func entry(for key: Key) -> Entry? {
        names[key]
    }

    /// A fresh name for a statement about to be prepared, or nil when the cache is full.
    func reserveName() -> String? {
        guard names.count < Self.capacity else { return nil }
        counter += 1
        return "codezero_\(counter)"
    }

    @discardableResult
    func store(_ name: String, for key: Key) -> Entry {
        let entry = Entry(name: name)
        names[key] = entry
        return entry
    }

    /// Forgets a statement the server no longer accepts (its name is never reused).
    func evict(_ key: Key) {
        names[key] = nil
    }

    func removeAll() {
        names.removeAll()
    }
}
