import Domain
import Web

/// Reads typed members from a request's JSON object, collecting every problem as a field error so a
/// client gets them all at once (422 with `errors[]`), not one per round trip.
struct JSONFields {
    let object: JSONObject
    private(set) var errors: [Web.FieldError] = []

    init(_ object: JSONObject) {
        self.object = object
    }

    /// A required string (trimmed length ≥ 1 unless `allowEmpty`), at most `maximumLength` characters.
    mutating func string(_ name: String, maximumLength: Int = 1000, allowEmpty: Bool = false) -> String {
        guard let value = object[name] else {
            errors.append(Web.FieldError(field: name, detail: "is required", code: "required"))
            return ""
        }
        guard let text = value.stringValue else {
            errors.append(Web.FieldError(field: name, detail: "must be a string", code: "type"))
            return ""
        }
        if !allowEmpty && text.trimmedWhitespace.isEmpty {
            errors.append(Web.FieldError(field: name, detail: "must not be empty", code: "required"))
        } else if text.count > maximumLength {
            errors.append(
                Web.FieldError(field: name, detail: "must be at most \(maximumLength) characters", code: "too_long"))
        }
        return text
    }

    /// An optional string; null and absent are nil, an empty string is nil too.
    mutating func optionalString(_ name: String, maximumLength: Int = 1000) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            errors.append(Web.FieldError(field: name, detail: "must be a string or null", code: "type"))
            return nil
        }
        if text.count > maximumLength {
            errors.append(
                Web.FieldError(field: name, detail: "must be at most \(maximumLength) characters", code: "too_long"))
        }
        let trimmed = text.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An optional JSON object.
    mutating func optionalObject(_ name: String) -> JSONObject? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let nested = value.objectValue else {
            errors.append(Web.FieldError(field: name, detail: "must be an object", code: "type"))
            return nil
        }
        return nested
    }

    /// Adds a problem found by a later check.
    mutating func fail(_ name: String, _ detail: String, code: String) {
        errors.append(Web.FieldError(field: name, detail: detail, code: code))
    }

    /// Throws 422 with every collected problem, if there is any.
    func check() throws {
        guard errors.isEmpty else {
            throw Problem.unprocessable(detail: "Some fields are missing or invalid.", errors: errors)
        }
    }
}
