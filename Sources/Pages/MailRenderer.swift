public import Domain
import Foundation

/// Renders the de/en e-mail templates shipped in `MailTemplates/` into subject, text and HTML.
///
/// Per mail id and language there are two files: `<id>.<lang>.txt.mustache` (first line the subject, then a
/// blank line, then the plain-text body; rendered as text, nothing escaped) and `<id>.<lang>.html.mustache`
/// (the HTML body, escaped by default), placed into `layout.<lang>.html.mustache`. The HTML has inline
/// styles only: no images, no tracking pixels, no external resources. The templates are compiled once
/// (``TemplateLibrary``) and render from typed values (``MailValue``).
public struct MailRenderer: Sendable {
    private let library: TemplateLibrary
    private let names: Set<String>

    /// Loads every template from `directory`, or from this module's bundled `MailTemplates`.
    public init(directory: String? = nil) throws {
        guard let folder = directory ?? Bundle.module.path(forResource: "MailTemplates", ofType: nil) else {
            throw PageRenderer.LoadError.missingDirectory("MailTemplates")
        }
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw PageRenderer.LoadError.missingDirectory(folder)
        }
        var library = TemplateLibrary()
        var names: Set<String> = []
        for file in files.sorted() {
            let path = "\(folder)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PageRenderer.LoadError.unreadable(path)
            }
            let name = String(file.dropLast(".mustache".count))
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: name)
            } catch {
                throw PageRenderer.LoadError.invalidTemplate(name: name, reason: "\(error)")
            }
            names.insert(name)
        }
        self.library = library
        self.names = names
    }

    /// The mail ids that have both parts in every language.
    public var templateIDs: [String] {
        let ids = Set(names.compactMap { $0.hasSuffix(".de.txt") ? String($0.dropLast(".de.txt".count)) : nil })
        return ids.filter { id in
            Language.allCases.allSatisfy {
                names.contains("\(id).\($0.rawValue).txt") && names.contains("\(id).\($0.rawValue).html")
            }
        }.sorted()
    }

    /// Renders mail `id` in `language` with `values` (plus `brand`, always "Code Zero"); nil when the
    /// template does not exist or its text part has no subject line.
    public func render(_ id: String, language: Language, values: [String: MailValue]) -> RenderedMail? {
        var context = TemplateObject(values.mapValues { $0.rendered(in: language) })
        context["brand"] = "German Code Zero AI"
        let lang = language.rawValue
        // The text part is plain text: nothing in it is HTML-escaped.
        guard let textBytes = library.render("\(id).\(lang).txt", context: .object(context), escaping: false),
            let bodyBytes = library.render("\(id).\(lang).html", context: .object(context))
        else { return nil }
        let text = String(decoding: textBytes, as: UTF8.self)
        let body = String(decoding: bodyBytes, as: UTF8.self)
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let newline = normalised.firstIndex(of: "\n") else { return nil }
        let subject = normalised[..<newline].trimmedWhitespace
        let plain = normalised[normalised.index(after: newline)...].trimmingCharacters(in: .newlines)
        guard !subject.isEmpty else { return nil }
        var layoutContext = context
        layoutContext["subject"] = .text(subject)
        layoutContext["content"] = .text(body)
        guard let html = library.render("layout.\(lang).html", context: .object(layoutContext)) else { return nil }
        return RenderedMail(subject: subject, text: plain + "\n", html: String(decoding: html, as: UTF8.self))
    }
}

/// A rendered mail: the subject and both bodies.
public struct RenderedMail: Hashable, Sendable {
    /// The subject line (unencoded).
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// The complete HTML document.
    public var html: String
}
