import Foundation

/// Renders the site's pages from the Mustache templates shipped with this module (escaped by default).
///
/// Templates are compiled once, when the renderer is created at worker start-up (``PageTemplate``), and render
/// into one byte buffer from typed ``TemplateValue``s (issue #16: the general Mustache library's dynamic casts,
/// reflection and per-character escaping cost 1.5–3 ms of CPU per page).
public struct PageRenderer: Sendable {
    private let library: TemplateLibrary

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
        library.render(template, context: context)
    }
}
