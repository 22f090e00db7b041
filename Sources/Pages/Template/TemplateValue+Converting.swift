extension TemplateValue {
    /// Converts untyped values (staff pages still pass dictionaries; to be removed once they are typed).
    init(converting value: Any) {
        switch value {
        case let typed as TemplateValue: self = typed
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let table as [String: String]: self = .strings(table)
        case let members as [String: Any]: self = .object(members.mapValues(TemplateValue.init(converting:)))
        case let items as [[String: Any]]:
            self = .list(items.map { .object($0.mapValues(TemplateValue.init(converting:))) })
        case let items as [String]: self = .list(items.map(TemplateValue.text))
        case let items as [Any]: self = .list(items.map(TemplateValue.init(converting:)))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { TemplateValue(converting: $0.value) } ?? .null
            } else {
                self = .text(String(describing: value))
            }
        }
    }
}
