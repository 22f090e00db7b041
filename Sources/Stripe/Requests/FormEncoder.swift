public import Web

/// Stripe's bracket form encoding of nested parameters (`application/x-www-form-urlencoded`).
///
/// Objects become `a[b][c]=v`, arrays are always indexed (`line_items[0][quantity]=1`), booleans are
/// `true`/`false`, integers are decimal, `null` members are omitted, an empty string is kept (it unsets a
/// map key). Members keep their order. On the wire, as stripe-python sends it, the brackets of a key stay
/// unescaped while everything else in keys and values is percent-encoded (unreserved characters kept,
/// space as `+`).
public enum FormEncoder {
    /// The flattened `(path, value)` pairs of a JSON object, in order.
    public static func fields(_ parameters: JSONObject) -> FormData {
        var form = FormData()
        for member in parameters { append(member.value, path: member.key, to: &form) }
        return form
    }

    /// The body string of `form` (brackets in names unescaped).
    public static func encode(_ form: FormData) -> String {
        form.fields.map { encodeName($0.name) + "=" + PercentEncoding.encodeFormComponent($0.value) }
            .joined(separator: "&")
    }

    /// The body string of a JSON object's parameters.
    public static func encode(_ parameters: JSONObject) -> String {
        encode(fields(parameters))
    }

    /// A name percent-encoded with `[` and `]` left as they are.
    static func encodeName(_ name: String) -> String {
        name.split(separator: "[", omittingEmptySubsequences: false).enumerated().map { index, piece in
            if index == 0 { return PercentEncoding.encodeFormComponent(piece) }
            let parts = piece.split(separator: "]", maxSplits: 1, omittingEmptySubsequences: false)
            return "[" + PercentEncoding.encodeFormComponent(parts[0]) + (parts.count > 1 ? "]" + parts[1] : "")
        }
        .joined()
    }

    private static func append(_ value: JSON, path: String, to form: inout FormData) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            form.append(name: path, value: flag ? "true" : "false")
        case .int(let number):
            form.append(name: path, value: String(number))
        case .double(let number):
            form.append(name: path, value: number.isFinite ? String(number) : "")
        case .string(let text):
            form.append(name: path, value: text)
        case .array(let elements):
            for (index, element) in elements.enumerated() { append(element, path: "\(path)[\(index)]", to: &form) }
        case .object(let object):
            for member in object { append(member.value, path: "\(path)[\(member.key)]", to: &form) }
        }
    }
}
