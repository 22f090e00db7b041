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

    /// The compact JSON text, HTML-safe as described above.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let text): JSONLD.quote(text, into: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONLD.quote(key, into: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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
