import Domain
import Foundation
import Web

extension RequestContext {
    /// The query parameter `name` as a UUID in 8-4-4-4-12 form (lowercased), `nil` when absent; checked before
    /// it reaches SQL.
    ///
    /// - Throws: ``Problem`` 400 naming the parameter when it is not a UUID.
    func uuidQuery(_ name: String) throws -> String? {
        guard let text = request.query(name) else { return nil }
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else {
            throw Problem.badRequest(
                detail: "Query parameter \(name) must be a UUID.",
                errors: [Web.FieldError(field: name, detail: "is not a UUID", code: "invalid")])
        }
        return uuid.uuidString.lowercased()
    }

    /// The query parameter `name` as text following the one ``TextRule`` (no control characters, at most
    /// `maximumLength` characters), `nil` when absent.
    ///
    /// - Throws: ``Problem`` 400 naming the parameter.
    func textQuery(_ name: String, maximumLength: Int = 1000) throws -> String? {
        guard let text = request.query(name) else { return nil }
        guard TextRule(maximumCharacters: maximumLength).violation(in: text) == nil else {
            throw Problem.badRequest(
                detail: "Query parameter \(name) must be one line of at most \(maximumLength) characters.",
                errors: [Web.FieldError(field: name, detail: "is not acceptable text", code: "invalid")])
        }
        return text
    }

    /// The query parameter `language` (`de` or `en`), `fallback` when absent.
    ///
    /// - Throws: ``Problem`` 400 for any other value.
    func languageQuery(default fallback: Language = .de) throws -> Language {
        guard let text = request.query("language") else { return fallback }
        guard let language = Language(rawValue: text) else {
            throw Problem.badRequest(
                detail: "Query parameter language must be de or en.",
                errors: [Web.FieldError(field: "language", detail: "must be de or en", code: "invalid")])
        }
        return language
    }

    /// The documentation of the `language` query parameter ``languageQuery(default:)`` reads.
    static let languageParameter = APIParameter(
        "language", .oneOf(["de", "en"]), "Language of the Checkout page: de (default) or en")
}
