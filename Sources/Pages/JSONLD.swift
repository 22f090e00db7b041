import Web

/// A JSON value for structured data (`<script type="application/ld+json">`), serialised safely for HTML.
///
/// Keys keep their order. `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so the text can never
/// close the script element (`</script>`) or start a comment, whatever the catalog's texts contain.
public indirect enum JSONLD: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A boolean.
    case bool(Bool)
    /// An array.
    case array([JSONLD])
    /// An object with its keys in order.
    case object([(String, JSONLD)])

    /// The compact JSON text, HTML-safe as described above (``Web/JSONWriter`` in its `htmlSafe` mode).
    public var serialized: String {
        var writer = JSONWriter(escaping: .htmlSafe)
        write(to: &writer)
        return writer.text
    }

    private func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let text): writer.string(text)
        case .int(let number): writer.integer(number)
        case .bool(let flag): writer.bool(flag)
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

extension JSONLD: Equatable {
    /// Structural equality (object keys compared in order).
    public static func == (lhs: JSONLD, rhs: JSONLD) -> Bool {
        lhs.serialized == rhs.serialized
    }

    /// Hashes the serialised form.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized)
    }
}
