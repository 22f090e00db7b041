import Domain
import Foundation
import Mustache
import Testing

@testable import Pages

/// The mails render with the site's own template compiler exactly as they did with the general Mustache library
/// (text parts unescaped, HTML parts escaped, the layout around them), byte for byte, for every mail in both
/// languages, with every variable a template names filled (sections on and off).
@Suite struct MailEquivalenceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/Pages/MailTemplates").standardized.path

    /// The swift-mustache library over the same files, the text parts in its TEXT content type: the reference.
    static let reference: MustacheLibrary = {
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in names where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            var source = FileManager.default.contents(atPath: "\(folder)/\(file)").map {
                String(decoding: $0, as: UTF8.self)
            }
            if name.hasSuffix(".txt") { source = "{{% CONTENT_TYPE: TEXT}}" + (source ?? "") }
            try? library.register(source ?? "", named: name)
        }
        return library
    }()

    /// What the reference makes of the same values (the renderer's algorithm over swift-mustache).
    static func referenceMail(_ id: String, _ language: Language, _ values: [String: MailValue]) -> RenderedMail? {
        var context: [String: Any] = values.mapValues { mustache($0.rendered(in: language)) }
        context["brand"] = "German Code Zero AI"
        let lang = language.rawValue
        guard let text = reference.render(context, withTemplate: "\(id).\(lang).txt"),
            let body = reference.render(context, withTemplate: "\(id).\(lang).html")
        else { return nil }
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let newline = normalised.firstIndex(of: "\n") else { return nil }
        let subject = normalised[..<newline].trimmingCharacters(in: .whitespaces)
        let plain = normalised[normalised.index(after: newline)...].trimmingCharacters(in: .newlines)
        guard !subject.isEmpty else { return nil }
        context["subject"] = subject
        context["content"] = body
        guard let html = reference.render(context, withTemplate: "layout.\(lang).html") else { return nil }
        return RenderedMail(subject: subject, text: plain + "\n", html: html)
    }

    static func mustache(_ value: TemplateValue) -> Any {
        TemplateEquivalenceTests.mustacheValue(value)
    }

    /// Every tag name of mail `id`'s templates: variables and sections.
    static func names(of id: String) throws -> (variables: Set<String>, sections: Set<String>) {
        var variables: Set<String> = []
        var sections: Set<String> = []
        for language in Language.allCases {
            for part in ["txt", "html"] {
                let path = "\(folder)/\(id).\(language.rawValue).\(part).mustache"
                let source = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
                for match in source.matches(of: /\{\{([#^\/&{]?)\s*([a-z_0-9]+)\s*\}?\}\}/) {
                    let name = String(match.output.2)
                    switch match.output.1 {
                    case "#", "^", "/": sections.insert(name)
                    default: variables.insert(name)
                    }
                }
            }
        }
        return (variables, sections)
    }

    @Test func everyMailRendersAsTheMustacheLibraryDid() throws {
        let renderer = try MailRenderer()
        #expect(renderer.templateIDs.count >= 10)
        for id in renderer.templateIDs {
            let (variables, sections) = try Self.names(of: id)
            for on in [true, false] {
                var values: [String: MailValue] = [:]
                for name in variables { values[name] = .text("<\(name)> & \"quoted\" 'x'") }
                for name in sections { values[name] = .flag(on) }
                if let first = variables.sorted().first, on {
                    values[first] = .money(cents: 123_456, currency: "EUR")
                }
                if variables.contains("issue_date") { values["issue_date"] = .date("2026-12-06") }
                for language in Language.allCases {
                    let expected = try #require(Self.referenceMail(id, language, values), "\(id) \(language)")
                    let rendered = try #require(renderer.render(id, language: language, values: values))
                    #expect(rendered == expected, "\(id) \(language) sections \(on)")
                }
            }
        }
    }

    @Test func rowsRenderAsTheMustacheLibraryDid() throws {
        let renderer = try MailRenderer()
        for id in renderer.templateIDs {
            let (variables, sections) = try Self.names(of: id)
            guard !sections.isEmpty else { continue }
            var values: [String: MailValue] = [:]
            let row = Dictionary(uniqueKeysWithValues: variables.map { ($0, MailValue.text("row <\($0)>")) })
            for name in sections { values[name] = .rows([row, row]) }
            for language in Language.allCases {
                let expected = try #require(Self.referenceMail(id, language, values))
                #expect(renderer.render(id, language: language, values: values) == expected, "\(id) \(language)")
            }
        }
    }
}
