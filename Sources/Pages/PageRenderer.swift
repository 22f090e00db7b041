import Foundation

/// Renders the site's pages from the Mustache templates shipped with this module (escaped by default).
///
/// Templates are compiled once, when the renderer is created at worker start-up (``PageTemplate``), and render
/// into one byte buffer from typed ``TemplateValue``s (issue #16: the general Mustache library's dynamic casts,
/// reflection and per-character escaping cost 1.5–3 ms of CPU per page).
public struct PageRenderer: Sendable {
    /// The templates as written.
    let library: TemplateLibrary
    /// The library with the texts of a constant table folded in, per table (``TemplateLibrary/folding(_:as:)``).
    private var foldedLibraries: [(table: TemplateObject, library: TemplateLibrary)] = []
    /// The name the folded tables have at the bottom of the context.
    private var foldedName: TemplateName?

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

    /// This renderer, and for each of `tables` (the site's strings per language, built once per worker) a copy of the
    /// templates with that table's texts folded in under `name` (`t`): a render whose context holds one of these very
    /// tables as `name` uses its copy, any other the templates as written. The output is the same either way
    /// (`TemplateEquivalenceTests`, `RenderSnapshotTests`).
    func folding(_ name: String, as tables: [TemplateValue]) -> PageRenderer {
        var renderer = self
        renderer.foldedName = TemplateName(name)
        renderer.foldedLibraries = tables.map { table in (table.members, library.folding(name, as: table.members)) }
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

    /// The folded copy of the templates for `context`: the one whose table is the context's own member of the
    /// folded name (the same stored members, not an equal copy); nil for any other context.
    func foldedLibrary(for context: TemplateValue) -> TemplateLibrary? {
        guard let foldedName, case .object(let root) = context, case .object(let table)? = root.value(named: foldedName)
        else { return nil }
        return foldedLibraries.first { $0.table.sharesStorage(with: table) }?.library
    }

    /// ``renderBytes(_:context:)`` with the templates as written, never a folded copy (for tests).
    func renderBytesUnfolded(_ template: String, context: TemplateValue) -> [UInt8]? {
        library.render(template, context: context)
    }
}
