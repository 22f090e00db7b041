import Foundation

/// Renders the site's pages from the Mustache templates shipped with this module (escaped by default).
///
/// Templates are compiled once, when the renderer is created at worker start-up (``PageTemplate``), and render
/// into one byte buffer from typed ``TemplateValue``s (issue #16: the general Mustache library's dynamic casts,
/// reflection and per-character escaping cost 1.5–3 ms of CPU per page).
public struct PageRenderer: Sendable {
    /// The templates as written.
    let library: TemplateLibrary
    /// The libraries with the texts of constant tables folded in, each with its tables by name
    /// (``TemplateLibrary/folding(_:)``).
    private var foldedLibraries: [(tables: [(name: TemplateName, table: TemplateObject)], library: TemplateLibrary)] =
        []

    /// What can go wrong while loading templates.
    public enum LoadError: Error, CustomStringConvertible {
        case missingDirectory(String)
        case unreadable(String)
        case invalidTemplate(name: String, reason: String)
        case missingTemplate(String)

        public var description: String {
            switch self {
            case .missingDirectory(let path): return "template folder not found: \(path)"
            case .unreadable(let path): return "template not readable: \(path)"
            case .invalidTemplate(let name, let reason): return "template \(name) does not parse: \(reason)"
            case .missingTemplate(let name): return "template \(name).mustache is missing"
            }
        }
    }

    /// Loads every `*.mustache` file from `directory`, or from this module's bundled templates.
    public init(directory: String? = nil) throws {
        guard let folder = directory ?? Bundle.module.path(forResource: "Templates", ofType: nil) else {
            throw LoadError.missingDirectory("Templates")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw LoadError.missingDirectory(folder)
        }
        var library = TemplateLibrary()
        for file in names.sorted() {
            let path = "\(folder)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else { throw LoadError.unreadable(path) }
            let name = String(file.dropLast(".mustache".count))
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: name)
            } catch {
                throw LoadError.invalidTemplate(name: name, reason: "\(error)")
            }
        }
        self.library = library
    }

    /// This renderer, and for each set of `tables` (per language: the site's strings `t`, its links `href`, … built
    /// once per worker) a copy of the templates with those tables' texts folded in under their names: a render whose
    /// context holds each of one set's very tables under its name uses that copy, any other the templates as written.
    /// The output is the same either way (`TemplateFoldingTests`, `TemplateEquivalenceTests`, `RenderSnapshotTests`).
    func folding(_ sets: [[(name: String, table: TemplateValue)]]) -> PageRenderer {
        var renderer = self
        renderer.foldedLibraries = sets.map { tables in
            (
                tables.map { (TemplateName($0.name), $0.table.members) },
                library.folding(tables.map { ($0.name, $0.table.members) })
            )
        }
        return renderer
    }

    /// Whether a template called `name` was loaded.
    public func hasTemplate(named name: String) -> Bool {
        library.contains(name)
    }

    /// Renders `template` with `context`; nil when no such template exists.
    public func render(_ template: String, context: TemplateValue) -> String? {
        renderBytes(template, context: context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 bytes of `template` rendered with `context`; nil when no such template exists.
    public func renderBytes(_ template: String, context: TemplateValue) -> [UInt8]? {
        (foldedLibrary(for: context) ?? library).render(template, context: context)
    }

    /// The folded copy of the templates for `context`: the one whose tables are the context's own members of their
    /// names (the same stored members, not equal copies); nil for any other context.
    func foldedLibrary(for context: TemplateValue) -> TemplateLibrary? {
        guard !foldedLibraries.isEmpty, case .object(let root) = context else { return nil }
        return foldedLibraries.first { folded in
            folded.tables.allSatisfy { name, table in
                if case .object(let member)? = root.value(named: name) { return member.sharesStorage(with: table) }
                return false
            }
        }?.library
    }

    /// ``renderBytes(_:context:)`` with the templates as written, never a folded copy (for tests).
    func renderBytesUnfolded(_ template: String, context: TemplateValue) -> [UInt8]? {
        library.render(template, context: context)
    }
}
