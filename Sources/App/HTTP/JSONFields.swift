import Domain
import Web

/// Reads typed members from a request's JSON object, collecting every problem as a field error so a
/// client gets them all at once (422 with `errors[]`), not one per round trip.
///
/// Every string read here follows the one ``TextRule``: no control characters (a NUL, CR, LF, BEL…) unless the
/// field is `multiline`, at most `maximumLength` characters and `maximumBytes` UTF-8 bytes. A route that reads
/// its strings through these helpers gets that rule without doing anything.
///
/// ```swift
/// var fields = JSONFields(try context.jsonObject())
/// let name = fields.string("name", maximumLength: 100)
/// let note = fields.optionalString("note", maximumLength: 2000, multiline: true)
/// let address = fields.nested("billing_address")          // errors named billing_address.street
/// let street = address.optionalString("street", maximumLength: 200)
/// fields.merge(address)
/// try fields.check()
/// ```
struct JSONFields {
    let object: JSONObject
    /// The field-name prefix of a nested object (`billing_address.`), empty at the top.
    let prefix: String
    private(set) var errors: [Web.FieldError] = []

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// A required string (trimmed length ≥ 1 unless `allowEmpty`), at most `maximumLength` characters
    /// (and `maximumBytes` UTF-8 bytes, by default four per character), without control characters unless
    /// `multiline` (then CR, LF and TAB are accepted).
    mutating func string(
        _ name: String, maximumLength: Int = 1000, maximumBytes: Int? = nil, allowEmpty: Bool = false,
        multiline: Bool = false
    ) -> String {
        guard let value = object[name] else {
            fail(name, "is required", code: "required")
            return ""
        }
        guard let text = value.stringValue else {
            fail(name, "must be a string", code: "type")
            return ""
        }
        if !allowEmpty && text.trimmedWhitespace.isEmpty {
            fail(name, "must not be empty", code: "required")
        } else {
            check(
                name, text,
                TextRule(maximumCharacters: maximumLength, maximumBytes: maximumBytes, allowsLineBreaks: multiline))
        }
        return text
    }

    /// An optional string; null and absent are nil, an empty string is nil too. The same rule as ``string``.
    mutating func optionalString(
        _ name: String, maximumLength: Int = 1000, maximumBytes: Int? = nil, multiline: Bool = false
    ) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            fail(name, "must be a string or null", code: "type")
            return nil
        }
        check(
            name, text,
            TextRule(maximumCharacters: maximumLength, maximumBytes: maximumBytes, allowsLineBreaks: multiline))
        let trimmed = text.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An optional JSON object.
    mutating func optionalObject(_ name: String) -> JSONObject? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let nested = value.objectValue else {
            fail(name, "must be an object", code: "type")
            return nil
        }
        return nested
    }

    /// The fields of an optional nested object (empty when absent or null), naming its errors `name.member`.
    /// Hand it back with ``merge(_:)``.
    mutating func nested(_ name: String) -> JSONFields {
        JSONFields(optionalObject(name) ?? [:], prefix: prefix + name + ".")
    }

    /// Takes over the errors of a ``nested(_:)`` reader.
    mutating func merge(_ other: JSONFields) {
        errors += other.errors
    }

    /// Adds a problem found by a later check.
    mutating func fail(_ name: String, _ detail: String, code: String) {
        errors.append(Web.FieldError(field: prefix + name, detail: detail, code: code))
    }

    /// Throws 422 with every collected problem, if there is any.
    func check() throws {
        guard errors.isEmpty else {
            throw Problem.unprocessable(detail: "Some fields are missing or invalid.", errors: errors)
        }
    }

    private mutating func check(_ name: String, _ text: String, _ rule: TextRule) {
        switch rule.violation(in: text) {
        case .controlCharacter?:
            fail(
                name,
                rule.allowsLineBreaks
                    ? "must not contain control characters" : "must not contain control characters or line breaks",
                code: "control_character")
        case .tooLong?:
            fail(
                name, "must be at most \(rule.maximumCharacters) characters (\(rule.maximumBytes) bytes)",
                code: "too_long")
        case nil:
            break
        }
    }
}
