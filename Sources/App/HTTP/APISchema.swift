public import Web

/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of a request body, a parameter or a response,
/// declared beside the route in the route table (``RouteDocumentation``) or beside the code that writes the
/// JSON (e.g. `PurchaseJSON.schema`). The OpenAPI document carries these schemas, and `make test` holds the
/// running API to them with schemathesis (`Tests/e2e/test_api_fuzz.py`).
///
/// Request schemas say exactly what the handlers accept: what a schema allows must not be refused for its
/// shape, what it forbids must be a 4xx. Text fields follow the one ``Domain/TextRule`` (no control characters,
/// lengths in Unicode scalars), which ``text(_:minimumLength:multiline:)`` spells out. Objects allow members
/// that are not listed (handlers ignore unknown request members; responses may grow).
///
/// ```swift
/// let body: APISchema = .object(["email": .text(254), "password": .text(1024, minimumLength: 0), "note?": .string])
/// ```
/// A property name ending in `?` is optional; every other property is required.
public struct APISchema: Sendable {
    /// The schema as JSON.
    public let json: JSON

    /// A schema from its JSON.
    public init(_ json: JSON) {
        self.json = json
    }

    /// Any JSON string.
    public static let string = APISchema(["type": "string"])
    /// Any integer.
    public static let integer = APISchema(["type": "integer"])
    /// Any number.
    public static let number = APISchema(["type": "number"])
    /// `true` or `false`.
    public static let boolean = APISchema(["type": "boolean"])
    /// Any JSON value.
    public static let any = APISchema([:])
    /// A UUID in its text form.
    public static let uuid = APISchema(["type": "string", "format": "uuid"])
    /// An RFC 3339 timestamp.
    public static let dateTime = APISchema(["type": "string", "format": "date-time"])
    /// A calendar date `YYYY-MM-DD`.
    public static let date = APISchema(["type": "string", "format": "date"])
    /// Bytes of another media type (a PDF, an XML document, a CSV file, a ZIP archive).
    public static let binary = APISchema(["type": "string"])
    /// A text in German and English: `{"de": …, "en": …}`.
    public static let localized = APISchema.object(["de": .string, "en": .string])
    /// An ISO 3166-1 alpha-2 country code as the API accepts it (upper-case letters).
    public static let countryCode = APISchema(["type": "string", "pattern": "^[A-Z]{2}$"])
    /// Integer cents.
    public static let cents = APISchema.integer

    /// The characters the one text rule refuses in a single-line field (C0, DEL, C1, U+2028/9).
    static let singleLineClass = "[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]"
    /// The characters it refuses in a multi-line field (the same except TAB, LF, CR, U+2028/9).
    static let multiLineClass = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]"
    /// One character that is neither a control character nor white space (Unicode `White_Space`), which a
    /// required text needs at least once.
    static let significantClass =
        "[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]"

    /// A text as ``JSONFields`` reads it: at most `maximumLength` Unicode scalars, no control characters
    /// (line breaks only when `multiline`), and — for a required field (`minimumLength` 1) — not only white space.
    public static func text(_ maximumLength: Int, minimumLength: Int = 1, multiline: Bool = false) -> APISchema {
        let allowed = multiline ? multiLineClass : singleLineClass
        let pattern = minimumLength > 0 ? "^\(allowed)*\(significantClass)\(allowed)*$" : "^\(allowed)*$"
        var object: JSONObject = [
            "type": "string", "maxLength": .int(Int64(maximumLength)), "pattern": .string(pattern),
        ]
        if minimumLength > 0 { object["minLength"] = .int(Int64(minimumLength)) }
        return APISchema(.object(object))
    }

    /// A string with a length range and, optionally, a pattern.
    public static func string(minimumLength: Int = 0, maximumLength: Int? = nil, pattern: String? = nil) -> APISchema {
        var object: JSONObject = ["type": "string"]
        if minimumLength > 0 { object["minLength"] = .int(Int64(minimumLength)) }
        if let maximumLength { object["maxLength"] = .int(Int64(maximumLength)) }
        if let pattern { object["pattern"] = .string(pattern) }
        return APISchema(.object(object))
    }

    /// An integer within bounds.
    public static func integer(minimum: Int64? = nil, maximum: Int64? = nil) -> APISchema {
        var object: JSONObject = ["type": "integer"]
        if let minimum { object["minimum"] = .int(minimum) }
        if let maximum { object["maximum"] = .int(maximum) }
        return APISchema(.object(object))
    }

    /// One of these strings.
    public static func oneOf(_ values: [String]) -> APISchema {
        APISchema(["type": "string", "enum": .array(values.map(JSON.string))])
    }

    /// An array of `items`.
    public static func array(_ items: APISchema, minimumItems: Int = 0, maximumItems: Int? = nil) -> APISchema {
        var object: JSONObject = ["type": "array", "items": items.json]
        if minimumItems > 0 { object["minItems"] = .int(Int64(minimumItems)) }
        if let maximumItems { object["maxItems"] = .int(Int64(maximumItems)) }
        return APISchema(.object(object))
    }

    /// An object; a property name ending in `?` is optional, the others are required.
    public static func object(_ properties: KeyValuePairs<String, APISchema>) -> APISchema {
        object(properties.map { ($0.key, $0.value) })
    }

    /// An object from a list of properties (to share members between schemas); names as in the other `object`.
    public static func object(_ properties: [(String, APISchema)]) -> APISchema {
        var members = JSONObject()
        var required: [JSON] = []
        for (name, schema) in properties {
            if name.hasSuffix("?") {
                members[String(name.dropLast())] = schema.json
            } else {
                members[name] = schema.json
                required.append(.string(name))
            }
        }
        var object: JSONObject = ["type": "object", "properties": .object(members)]
        if !required.isEmpty { object["required"] = .array(required) }
        return APISchema(.object(object))
    }

    /// A reference to a schema in the document's `components/schemas`.
    public static func reference(_ name: String) -> APISchema {
        APISchema(["$ref": .string("#/components/schemas/\(name)")])
    }

    /// This object schema refusing members it does not list (for handlers that answer 422 to unknown fields).
    public var closed: APISchema {
        guard case .object(var object) = json else { return self }
        object["additionalProperties"] = false
        return APISchema(.object(object))
    }

    /// Any of these schemas.
    public static func anyOf(_ schemas: [APISchema]) -> APISchema {
        APISchema(["anyOf": .array(schemas.map(\.json))])
    }

    /// This schema or `null`.
    public var orNull: APISchema {
        APISchema(["anyOf": [json, ["type": "null"]]])
    }
}

/// A query parameter of an operation.
public struct APIParameter: Sendable {
    /// Its name.
    public var name: String
    /// Its value's schema (query values are strings on the wire; integers and dates are spelled out).
    public var schema: APISchema
    /// Whether the operation needs it.
    public var required: Bool
    /// What it does.
    public var description: String

    /// A query parameter.
    public init(_ name: String, _ schema: APISchema, required: Bool = false, _ description: String) {
        self.name = name
        self.schema = schema
        self.required = required
        self.description = description
    }
}
