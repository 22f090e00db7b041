/// Building XML text by hand: element content and attribute values escaped, nothing else.
struct XMLText {
    /// The document so far.
    private(set) var text = ""

    /// Appends `<name attributes>escaped(value)</name>` on its own line; nothing for an empty value (an e-invoice
    /// must not contain empty elements, PEPPOL-EN16931-R008: a missing mandatory one fails by its own rule).
    mutating func element(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        guard !value.isEmpty else { return }
        text += "<\(name)"
        for (key, attribute) in attributes { text += " \(key)=\"\(XMLText.escape(attribute))\"" }
        text += ">\(XMLText.escape(value))</\(name)>\n"
    }

    /// Appends `<name>`, the children `body` writes, then `</name>`.
    mutating func group(_ name: String, _ body: (inout XMLText) -> Void) {
        text += "<\(name)>\n"
        body(&self)
        text += "</\(name)>\n"
    }

    /// Appends raw markup (a declaration or an opening tag with namespaces).
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// `value` with `&`, `<`, `>`, `"` and `'` escaped, and control characters XML 1.0 forbids dropped.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
