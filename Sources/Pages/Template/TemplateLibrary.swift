/// The site's compiled page templates by name, and the renderer: one pass over the nodes appending UTF-8 bytes
/// to one buffer (escaping text for HTML on the way), over a stack of ``TemplateValue``s.
struct TemplateLibrary: Sendable {
    private var templates: [String: PageTemplate] = [:]

    /// An empty library.
    init() {}

    /// Adds the template `name` compiled from `source`.
    mutating func register(_ source: String, named name: String) throws(TemplateSyntaxError) {
        templates[name] = try PageTemplate(parsing: source, name: name)
    }

    /// Whether `name` was registered.
    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` with `context` as the bottom of the stack; nil when there is no such template.
    /// With `escaping` false (plain-text mails) `{{name}}` inserts text as it is, like `{{{name}}}`.
    func render(_ name: String, context: TemplateValue, escaping: Bool = true) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        // The folded texts were escaped when they were folded in (folding(_:)).
        precondition(escaping || folded.isEmpty, "templates with folded texts render with escaping only")
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        var stack = [context]
        Renderer(library: self, escaping: escaping).render(template.nodes, stack: &stack, blocks: [:], into: &output)
        return output
    }

    /// The names whose members ``folding(_:)`` wrote into the templates (none for the templates as written).
    private(set) var folded: [String] = []

    /// How many `{{first.…}}` variables the templates look up, counted through sections, blocks and overrides (not
    /// those kept for a shadowed folded text: for tests of ``folding(_:)``).
    func lookUps(of first: String) -> Int {
        func count(_ nodes: [TemplateNode]) -> Int {
            nodes.reduce(0) { total, node in
                switch node {
                case .variable(let path, _): return total + (path.count > 1 && path[0].text == first ? 1 : 0)
                case .section(_, _, let body), .block(_, let body): return total + count(body)
                case .parent(_, let overrides): return total + overrides.values.reduce(0) { $0 + count($1) }
                case .text, .partial, .folded: return total
                }
            }
        }
        return templates.values.reduce(0) { $0 + count($1.nodes) }
    }

    /// This library with the text members of `tables` written into the templates wherever they appear as
    /// `{{name.key}}` or `{{{name.key}}}` — HTML-escaped as the renderer would, for rendering with escaping only —
    /// joined with the literal text around them into one ``TemplateNode/folded(bytes:names:written:)`` node (issue
    /// #16: the site's strings `t`, its links `href`, its company and assets are the same for every page of a
    /// language, yet each was looked up from the top of the context stack down and escaped anew on every render).
    ///
    /// Render with it only when each `name` at the bottom of the stack is its `table` itself (``PageRenderer``
    /// checks). The output is then that of the templates as written: a folded node whose name a frame above the bottom
    /// also has (Mustache would find that frame's member first) renders its nodes as written instead. Members that are
    /// not texts, and keys a table lacks, stay lookups.
    func folding(_ tables: [(name: String, table: TemplateObject)]) -> TemplateLibrary {
        var library = self
        library.folded = tables.map(\.name)
        library.templates = templates.mapValues { template in
            PageTemplate(nodes: Self.fold(template.nodes, tables: tables))
        }
        return library
    }

    private static func fold(
        _ nodes: [TemplateNode], tables: [(name: String, table: TemplateObject)]
    ) -> [TemplateNode] {
        var folded: [TemplateNode] = []
        // A run of literal text and foldable variables: its bytes, the names it folded, its nodes as written.
        var bytes: [UInt8] = []
        var names: [TemplateName] = []
        var written: [TemplateNode] = []
        func endRun() {
            if names.isEmpty {
                if !bytes.isEmpty { folded.append(.text(bytes)) }
            } else {
                folded.append(.folded(bytes: bytes, names: names, written: written))
            }
            (bytes, names, written) = ([], [], [])
        }
        for node in nodes {
            switch node {
            case .text(let text):
                bytes.append(contentsOf: text)
                written.append(node)
            case .variable(let path, let escaped):
                guard path.count == 2, let table = tables.first(where: { $0.name == path[0].text })?.table,
                    case .text(let text)? = table.value(named: path[1])
                else {
                    endRun()
                    folded.append(node)
                    continue
                }
                if escaped { appendEscaped(text, to: &bytes) } else { bytes.append(contentsOf: text.utf8) }
                if !names.contains(where: { $0.text == path[0].text }) { names.append(path[0]) }
                written.append(node)
            case .section(let path, let inverted, let body):
                endRun()
                folded.append(.section(path: path, inverted: inverted, body: fold(body, tables: tables)))
            case .block(let name, let body):
                endRun()
                folded.append(.block(name: name, body: fold(body, tables: tables)))
            case .parent(let name, let overrides):
                endRun()
                folded.append(.parent(name: name, overrides: overrides.mapValues { fold($0, tables: tables) }))
            case .partial, .folded:
                endRun()
                folded.append(node)
            }
        }
        endRun()
        return folded
    }

    /// One rendering pass: the library and whether variables are HTML-escaped.
    private struct Renderer {
        let library: TemplateLibrary
        let escaping: Bool

        /// Whether a frame above the bottom of `stack` has a member of one of `names`.
        static func shadows(_ names: [TemplateName], in stack: [TemplateValue]) -> Bool {
            for index in 1..<stack.count {
                for name in names where stack[index].child(name) != nil { return true }
            }
            return false
        }

        func render(
            _ nodes: [TemplateNode], stack: inout [TemplateValue], blocks: [String: [TemplateNode]],
            into output: inout [UInt8]
        ) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
                case .folded(let bytes, let names, let written):
                    if stack.count == 1 || !Self.shadows(names, in: stack) {
                        output.append(contentsOf: bytes)
                    } else {
                        render(written, stack: &stack, blocks: blocks, into: &output)
                    }
                case .variable(let path, let escaped):
                    guard let value = TemplateLibrary.lookup(path, in: stack) else { continue }
                    switch value {
                    case .text(let text):
                        escaped && escaping
                            ? TemplateLibrary.appendEscaped(text, to: &output) : output.append(contentsOf: text.utf8)
                    case .number(let number): output.append(contentsOf: String(number).utf8)
                    case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                    case .list, .object, .null: break
                    }
                case .section(let path, let inverted, let body):
                    let value = TemplateLibrary.lookup(path, in: stack)
                    if inverted {
                        switch value {
                        case .list(let items)?:
                            if items.isEmpty { render(body, stack: &stack, blocks: blocks, into: &output) }
                        case .flag(let flag)?: if !flag { render(body, stack: &stack, blocks: blocks, into: &output) }
                        case .null?, nil: render(body, stack: &stack, blocks: blocks, into: &output)
                        default: break
                        }
                        continue
                    }
                    switch value {
                    case .list(let items)?:
                        for item in items {
                            stack.append(item)
                            render(body, stack: &stack, blocks: blocks, into: &output)
                            stack.removeLast()
                        }
                    case .flag(let flag)?:
                        if flag { render(body, stack: &stack, blocks: blocks, into: &output) }
                    case .null?, nil:
                        break
                    case let other?:
                        stack.append(other)
                        render(body, stack: &stack, blocks: blocks, into: &output)
                        stack.removeLast()
                    }
                case .partial(let name, let indentation):
                    guard let partial = library.templates[name] else { continue }
                    if indentation.isEmpty {
                        render(partial.nodes, stack: &stack, blocks: blocks, into: &output)
                    } else {
                        var inner: [UInt8] = []
                        render(partial.nodes, stack: &stack, blocks: blocks, into: &inner)
                        TemplateLibrary.appendIndented(inner, indentation: indentation, to: &output)
                    }
                case .block(let name, let body):
                    render(blocks[name] ?? body, stack: &stack, blocks: blocks, into: &output)
                case .parent(let name, let overrides):
                    guard let parent = library.templates[name] else { continue }
                    // The inheriting template's overrides win over the parent's own (outermost first).
                    let merged = overrides.merging(blocks) { _, outer in outer }
                    render(parent.nodes, stack: &stack, blocks: merged, into: &output)
                }
            }
        }
    }

    /// Mustache's name resolution: the first name is looked for from the top of the stack down (the first frame
    /// that has it wins, even with a null value), the rest inside what it found; an empty path is the top.
    static func lookup(_ path: [TemplateName], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if let child = frame.child(first) {
                found = child
                break
            }
        }
        guard var value = found else { return nil }
        for name in path.dropFirst() {
            guard let child = value.child(name) else { return nil }
            value = child
        }
        return value
    }

    /// `text` with `& < > " '` escaped for HTML text and attribute values: the one HTML escaper (templates,
    /// the invoice HTML, the staff charts' SVG).
    static func escaped(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` with `& < > " '` escaped for HTML text and attribute values. Looks at eight bytes at a time
    /// while none of them can be one of the five (``mayNeedEscaping(_:)``) and copies each stretch between
    /// escapes in one go: most texts of a page need no escape at all (issue #16: escaping was an eighth of the
    /// configurator's instructions, a byte at a time).
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var start = 0
            var index = 0
            while index < count {
                if index + 8 <= count,
                    !mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let replacement: StaticString
                switch base[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default:
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                output.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += 1
                start = index
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
    }

    /// Whether any of the eight bytes of `word` may be `& < > " '`: never false when one is (a byte equal to one of
    /// them is a zero byte of `word` XOR that byte repeated, which the borrow test finds); sometimes true when none
    /// is, which only sends those bytes through the byte-wise check.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroByte(word ^ (ones &* 0x26)) | zeroByte(word ^ (ones &* 0x3C)) | zeroByte(word ^ (ones &* 0x3E))
            | zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x27)) != 0
    }

    /// Appends `rendered` with `indentation` before every line that has content.
    static func appendIndented(_ rendered: [UInt8], indentation: [UInt8], to output: inout [UInt8]) {
        var atLineStart = true
        for byte in rendered {
            if atLineStart, byte != 0x0A { output.append(contentsOf: indentation) }
            output.append(byte)
            atLineStart = byte == 0x0A
        }
    }
}
