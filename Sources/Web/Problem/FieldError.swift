/// One problem with one part of the input, listed in a ``Problem``'s `errors` member.
///
/// Locate it with a JSON pointer (RFC 6901) into a JSON body, or with the name of a form field, query
/// parameter or header.
public struct FieldError: Sendable, Equatable {
    /// Where the problem is.
    public enum Location: Sendable, Equatable {
        /// A JSON pointer into the request body, e.g. `/addons/0/quantity`; rendered as `"pointer"`.
        case pointer(String)
        /// A form field, query parameter or header name; rendered as `"field"`.
        case field(String)
    }

    /// Where the problem is.
    public var location: Location
    /// What is wrong, for a person.
    public var detail: String
    /// A stable machine-readable code (`"required"`, `"too_long"`), or `nil`.
    public var code: String?

    /// A problem at a JSON pointer.
    public init(pointer: String, detail: String, code: String? = nil) {
        self.location = .pointer(pointer)
        self.detail = detail
        self.code = code
    }

    /// A problem with a named field.
    public init(field: String, detail: String, code: String? = nil) {
        self.location = .field(field)
        self.detail = detail
        self.code = code
    }

    /// The JSON pointer for a path of keys and indices: `["addons", "0", "id"]` → `/addons/0/id`, with
    /// `~` and `/` escaped as `~0` and `~1`.
    public static func pointer(_ tokens: [String]) -> String {
        tokens.map { "/" + $0.replacing("~", with: "~0").replacing("/", with: "~1") }.joined()
    }

    /// The member of the `errors` array.
    public var json: JSON {
        var object = JSONObject()
        switch location {
        case .pointer(let pointer): object["pointer"] = .string(pointer)
        case .field(let field): object["field"] = .string(field)
        }
        object["detail"] = .string(detail)
        if let code { object["code"] = .string(code) }
        return .object(object)
    }
}
