import Web

/// Typed, failing access to the members of an untrusted JSON object; errors name the full field path.
struct PayloadReader {
    let object: JSONObject
    let path: String

    init(_ value: JSON, path: String) throws(StripeError) {
        guard case .object(let object) = value else { throw .invalidPayload("\(path) is not an object") }
        self.object = object
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func value(_ key: String) throws(StripeError) -> JSON {
        guard let value = object[key] else { throw .invalidPayload("\(name(key)) is missing") }
        return value
    }

    func string(_ key: String) throws(StripeError) -> String {
        guard let value = try value(key).stringValue else { throw .invalidPayload("\(name(key)) is not a string") }
        return value
    }

    /// A string that may be `null` or absent.
    func optionalString(_ key: String) throws(StripeError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .invalidPayload("\(name(key)) is not a string") }
        return text
    }

    func int(_ key: String) throws(StripeError) -> Int64 {
        guard case .int(let number) = try value(key) else { throw .invalidPayload("\(name(key)) is not an integer") }
        return number
    }

    /// An integer that may be `null` or absent.
    func optionalInt(_ key: String) throws(StripeError) -> Int64? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .int(let number) = value else { throw .invalidPayload("\(name(key)) is not an integer") }
        return number
    }

    func bool(_ key: String) throws(StripeError) -> Bool {
        guard let value = try value(key).boolValue else { throw .invalidPayload("\(name(key)) is not a boolean") }
        return value
    }

    /// A nested object that may be `null` or absent.
    func optionalObject(_ key: String) throws(StripeError) -> PayloadReader? {
        guard let value = object[key], !value.isNull else { return nil }
        return try PayloadReader(value, path: name(key))
    }

    /// A string-to-string map (`metadata`); `null` or absent is empty.
    func stringMap(_ key: String) throws(StripeError) -> [String: String] {
        guard let nested = try optionalObject(key) else { return [:] }
        var map: [String: String] = [:]
        for member in nested.object {
            guard let text = member.value.stringValue else {
                throw .invalidPayload("\(nested.path).\(member.key) is not a string")
            }
            map[member.key] = text
        }
        return map
    }

    /// A string field whose value must be one of an enum's raw values.
    func enumeration<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(StripeError) -> Value {
        let raw = try string(key)
        guard let value = Value(rawValue: raw) else { throw .invalidPayload("\(name(key)) has unknown value \(raw)") }
        return value
    }
}

extension PayloadReader {
    /// Parses a response body as JSON.
    static func parse(_ body: [UInt8]) throws(StripeError) -> JSON {
        do { return try JSON.parse(body) } catch { throw .invalidPayload("response is not JSON") }
    }

    /// An id field that may be a string, an expanded object with an `id`, or null/absent.
    func expandableID(_ key: String) throws(StripeError) -> String? {
        if let expanded = try? optionalObject(key) { return try expanded.string("id") }
        return try optionalString(key)
    }
}
