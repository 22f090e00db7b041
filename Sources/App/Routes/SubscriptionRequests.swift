import Domain
import Web

/// Shared request parsing of the subscription routes: unknown members are refused (a typo never passes silently).
enum SubscriptionRequests {
    /// 422 naming every member not in `allowed`.
    static func rejectUnknown(_ object: JSONObject, allowed: Set<String>) throws {
        let unknown = object.members.map(\.key).filter { !allowed.contains($0) }
        guard unknown.isEmpty else {
            throw Problem.unprocessable(
                detail: "Unknown field(s): \(unknown.joined(separator: ", ")).",
                errors: unknown.map { FieldError(field: $0, detail: "is not a known field", code: "unknown_field") })
        }
    }

    /// `language` (`de` or `en`, default `de`).
    static func language(_ fields: inout JSONFields) -> Language {
        guard let text = fields.optionalString("language", maximumLength: 2) else { return .de }
        guard let language = Language(rawValue: text) else {
            fields.fail("language", "must be de or en", code: "enum")
            return .de
        }
        return language
    }

    /// `addons: [{id, quantity?}]` (1…50 items), every problem a field error.
    static func addons(_ object: JSONObject, _ fields: inout JSONFields) -> [AddonSelection] {
        var addons: [AddonSelection] = []
        switch object["addons"] {
        case nil, .null?: break
        case .array(let items)? where items.count <= 50:
            for (index, item) in items.enumerated() {
                guard let id = item["id"]?.stringValue, !id.isEmpty, id.utf8.count <= 64 else {
                    fields.fail("addons", "item \(index) needs an id (1-64 characters)", code: "required")
                    continue
                }
                var quantity = 1
                switch item["quantity"] {
                case nil, .null?: break
                case let value?:
                    guard let number = value.intValue else {
                        fields.fail("addons", "item \(index): quantity must be an integer", code: "type")
                        continue
                    }
                    quantity = number
                }
                addons.append(AddonSelection(id: id, quantity: quantity))
            }
        case .array?: fields.fail("addons", "at most 50 items", code: "too_long")
        default: fields.fail("addons", "must be an array", code: "type")
        }
        return addons
    }
}
