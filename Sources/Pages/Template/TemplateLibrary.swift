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
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        var stack = [context]
        Renderer(library: self, escaping: escaping, folded: folded).render(
            template.nodes, stack: &stack, blocks: [:], into: &output)
        return output
    }

    /// The name whose members ``folding(_:as:)`` wrote into the templates, if any.
    private(set) var folded: TemplateName?

    /// How many `{{first.…}}` variables the templates look up, counted through sections, blocks and overrides (for
    /// tests of ``folding(_:as:)``).
    func lookUps(of first: String) -> Int {
        func count(_ nodes: [TemplateNode]) -> Int {
            nodes.reduce(0) { total, node in
                switch node {
                case .variable(let path, _): return total + (path.first?.text == first ? 1 : 0)
                case .section(_, _, let body), .block(_, let body): return total + count(body)
                case .parent(_, let overrides): return total + overrides.values.reduce(0) { $0 + count($1) }
                case .text, .partial: return total
                }
            }
        }
        return templates.values.reduce(0) { $0 + count($1.nodes) }
    }

    /// This library with the text members of `table` written into the templates wherever they appear as
    /// `{{name.key}}` or `{{{name.key}}}`, HTML-escaped as the renderer would (for rendering with escaping only), and
    /// adjacent texts joined (issue #16: the site's strings table `t` is the same for every page of a language, yet
    /// each of its texts was looked up from the top of the context stack down and escaped anew on every render).
    /// Render with it only when `name` at the bottom of the stack is `table` itself and no frame above has a member
    /// `name` (``PageRenderer`` checks the first; debug builds assert the second while rendering). Members that are
    /// not texts, and keys `table` lacks, stay lookups.
    func folding(_ name: String, as table: TemplateObject) -> TemplateLibrary {
        let constant = TemplateName(name)
        var library = self
        library.folded = constant
        library.templates = templates.mapValues { template in
            PageTemplate(nodes: Self.fold(template.nodes, constant: constant, table: table))
        }
        return library
    }

    private static func fold(_ nodes: [TemplateNode], constant: TemplateName, table: TemplateObject) -> [TemplateNode] {
        var folded: [TemplateNode] = []
        func appendText(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            if case .text(let previous)? = folded.last {
                folded[folded.count - 1] = .text(previous + bytes)
            } else {
                folded.append(.text(bytes))
            }
        }
        for node in nodes {
            switch node {
            case .text(let bytes):
                appendText(bytes)
            case .variable(let path, let escaped):
                guard path.count == 2, path[0].text == constant.text,
                    case .text(let text)? = table.value(named: path[1])
                else {
                    folded.append(node)
                    continue
                }
                var bytes: [UInt8] = []
                if escaped { appendEscaped(text, to: &bytes) } else { bytes.append(contentsOf: text.utf8) }
                appendText(bytes)
            case .section(let path, let inverted, let body):
                folded.append(
                    .section(path: path, inverted: inverted, body: fold(body, constant: constant, table: table)))
            case .block(let name, let body):
                folded.append(.block(name: name, body: fold(body, constant: constant, table: table)))
            case .parent(let name, let overrides):
                folded.append(
                    .parent(name: name, overrides: overrides.mapValues { fold($0, constant: constant, table: table) }))
            case .partial:
                folded.append(node)
            }
        }
        return folded
    }

    /// One rendering pass: the library and whether variables are HTML-escaped.
    private struct Renderer {
        let library: TemplateLibrary
        let escaping: Bool
        /// The name folded into the nodes: no frame pushed above the bottom may have a member of that name.
        let folded: TemplateName?

        /// Pushes `frame`; in debug builds, checks that it does not shadow the folded name.
        func push(_ frame: TemplateValue, on stack: inout [TemplateValue]) {
            assert(
                folded.map { frame.child($0) == nil } ?? true,
                "a template value has a member named \(folded?.text ?? ""), which the templates read as the site's strings"
            )
            stack.append(frame)
        }

        func render(
            _ nodes: [TemplateNode], stack: inout [TemplateValue], blocks: [String: [TemplateNode]],
            into output: inout [UInt8]
        ) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
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
                            push(item, on: &stack)
                            render(body, stack: &stack, blocks: blocks, into: &output)
                            stack.removeLast()
                        }
                    case .flag(let flag)?:
                        if flag { render(body, stack: &stack, blocks: blocks, into: &output) }
                    case .null?, nil:
                        break
                    case let other?:
                        push(other, on: &stack)
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
