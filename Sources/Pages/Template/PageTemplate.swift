/// A page template compiled once per worker: the Mustache subset the site's templates use — variables
/// (`{{name}}`, `{{{name}}}`, `{{& name}}`, dotted names, `{{.}}`), sections and inverted sections, comments,
/// partials (`{{> name}}`) and inheritance (`{{< parent}}` with `{{$block}}` overrides) — with the spec's
/// standalone-line rule (a line holding only a section, comment, partial or block tag leaves no trace).
///
/// Rendering appends UTF-8 bytes to one buffer (``TemplateLibrary``); values are ``TemplateValue``s.
struct PageTemplate: Sendable {
    /// The compiled nodes.
    let nodes: [TemplateNode]

    /// A template of compiled `nodes` (``TemplateLibrary/folding(_:as:)``).
    init(nodes: [TemplateNode]) {
        self.nodes = nodes
    }

    /// Compiles `source`; `name` is used in errors.
    init(parsing source: String, name: String) throws(TemplateSyntaxError) {
        var parser = Parser(bytes: Array(source.utf8), name: name)
        nodes = try parser.parse()
    }

    private struct Frame {
        var kind: UInt8
        var name: String
        var start: Int
        var nodes: [TemplateNode] = []
    }

    private struct Parser {
        let bytes: [UInt8]
        let name: String

        init(bytes: [UInt8], name: String) {
            self.bytes = bytes
            self.name = name
        }

        func fail(_ offset: Int, _ reason: String) -> TemplateSyntaxError {
            TemplateSyntaxError(template: name, offset: offset, reason: reason)
        }

        static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

        mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
            let open: [UInt8] = [0x7B, 0x7B]
            var frames = [Frame(kind: 0, name: "", start: 0)]
            var position = 0
            var lastTagEnd = 0
            func append(_ node: TemplateNode) { frames[frames.count - 1].nodes.append(node) }
            func appendText(_ range: Range<Int>) {
                if !range.isEmpty { append(.text(Array(bytes[range]))) }
            }
            while let tagStart = find(open, from: position) {
                var index = tagStart + 2
                guard index < bytes.count else { throw fail(tagStart, "unterminated tag") }
                var kind = bytes[index]
                let triple = kind == 0x7B  // {{{
                switch kind {
                case 0x23, 0x5E, 0x2F, 0x21, 0x3E, 0x3C, 0x24, 0x26, 0x7B: index += 1  // # ^ / ! > < $ & {
                case 0x3D: throw fail(tagStart, "delimiter changes are not supported")
                default: kind = 0
                }
                let close: [UInt8] = triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
                guard let contentEnd = find(close, from: index) else { throw fail(tagStart, "unterminated tag") }
                let tagEnd = contentEnd + close.count
                var lower = index
                var upper = contentEnd
                while lower < upper, Self.isBlank(bytes[lower]) { lower += 1 }
                while upper > lower, Self.isBlank(bytes[upper - 1]) { upper -= 1 }
                let content = String(decoding: bytes[lower..<upper], as: UTF8.self)

                // The standalone rule: only blanks before the tag on its line (and no other tag), only blanks and
                // a line end after it.
                var lineStart = tagStart
                while lineStart > 0, Self.isBlank(bytes[lineStart - 1]) { lineStart -= 1 }
                var standalone = false
                var afterLine = tagEnd
                let canStandAlone = kind != 0 && kind != 0x26 && kind != 0x7B
                if canStandAlone, lineStart >= lastTagEnd, lineStart == 0 || bytes[lineStart - 1] == 0x0A {
                    var cursor = tagEnd
                    while cursor < bytes.count, Self.isBlank(bytes[cursor]) { cursor += 1 }
                    if cursor == bytes.count {
                        standalone = true
                        afterLine = cursor
                    } else if bytes[cursor] == 0x0A {
                        standalone = true
                        afterLine = cursor + 1
                    } else if bytes[cursor] == 0x0D, cursor + 1 < bytes.count, bytes[cursor + 1] == 0x0A {
                        standalone = true
                        afterLine = cursor + 2
                    }
                }
                appendText(position..<(standalone ? lineStart : tagStart))
                let indentation = standalone ? Array(bytes[lineStart..<tagStart]) : []
                position = standalone ? afterLine : tagEnd
                lastTagEnd = position

                let path = content == "." ? [] : content.split(separator: ".").map { TemplateName(String($0)) }
                switch kind {
                case 0: append(.variable(path: path, escaped: true))
                case 0x26, 0x7B: append(.variable(path: path, escaped: false))
                case 0x21: break
                case 0x3E: append(.partial(name: content, indentation: indentation))
                case 0x23, 0x5E, 0x3C, 0x24: frames.append(Frame(kind: kind, name: content, start: tagStart))
                default:  // 0x2F: the end of a section, a parent or a block
                    guard frames.count > 1, let frame = frames.last, frame.name == content else {
                        throw fail(tagStart, "unexpected {{/\(content)}}")
                    }
                    frames.removeLast()
                    switch frame.kind {
                    case 0x23, 0x5E:
                        append(.section(path: path, inverted: frame.kind == 0x5E, body: frame.nodes))
                    case 0x24: append(.block(name: frame.name, body: frame.nodes))
                    default:
                        var overrides: [String: [TemplateNode]] = [:]
                        for case .block(let blockName, let body) in frame.nodes { overrides[blockName] = body }
                        append(.parent(name: frame.name, overrides: overrides))
                    }
                }
            }
            appendText(position..<bytes.count)
            guard frames.count == 1 else { throw fail(frames[frames.count - 1].start, "section is not closed") }
            return frames[0].nodes
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            var index = start
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0] {
                    var matches = true
                    for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                        matches = false
                        break
                    }
                    if matches { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
