/// Maps a method and a path to a handler of any type, through a segment tree built once at start-up.
///
/// Patterns are absolute paths whose segments are literals or `{name}` parameters:
/// `/api/v1/orders/{id}/checkout`. Matching is per segment, without regular expressions:
///
/// - A literal segment wins over a parameter at the same position; when the literal branch has no match
///   further down, the parameter branch is tried.
/// - A parameter matches one non-empty segment of the decoded path (``Request/path`` never contains an
///   encoded slash, so segments are real segments).
/// - Trailing slashes are significant: `/de/` and `/de` are different routes, and `/` is the root.
///   Register both, or a redirect, where both should work.
/// - The first path match (literals before parameters, depth first) decides the resource; its methods
///   decide between ``RouteMatch/found(handler:parameters:pattern:)`` and
///   ``RouteMatch/methodNotAllowed(allowed:)``. `HEAD` uses the `GET` handler unless one is registered
///   for `HEAD`. `OPTIONS` is not implied.
public struct Router<Handler> {
    fileprivate struct Node {
        var literals: [String: Int] = [:]
        var parameter: (name: String, node: Int)?
        var handlers: [(method: HTTPMethod, handler: Handler)] = []
        var pattern: String?
    }

    private var nodes: [Node] = [Node()]
    /// Every registered route in registration order, for listings such as the OpenAPI document.
    public private(set) var routes: [(method: HTTPMethod, pattern: String)] = []

    /// An empty router.
    public init() {}

    /// Registers `handler` for `method` and `pattern`.
    ///
    /// - Throws: ``WebError/invalidRoute(pattern:reason:)`` when the pattern does not start with `/`, has
    ///   a malformed or repeated `{name}`, uses a different parameter name where another pattern has one
    ///   at the same position, or is already registered for `method`.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) throws(WebError) {
        guard pattern.hasPrefix("/") else { throw .invalidRoute(pattern: pattern, reason: "must start with '/'") }
        var current = 0
        var names: Set<String> = []
        for segment in pattern.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let text = String(Substring(segment))
            if text.hasPrefix("{") {
                let name = String(text.dropFirst().dropLast())
                guard text.hasSuffix("}"), Router.isParameterName(name) else {
                    throw .invalidRoute(pattern: pattern, reason: "malformed parameter segment \(text)")
                }
                guard names.insert(name).inserted else {
                    throw .invalidRoute(pattern: pattern, reason: "parameter {\(name)} appears twice")
                }
                if let existing = nodes[current].parameter {
                    guard existing.name == name else {
                        throw .invalidRoute(
                            pattern: pattern, reason: "{\(name)} conflicts with {\(existing.name)} at the same position"
                        )
                    }
                    current = existing.node
                } else {
                    nodes.append(Node())
                    nodes[current].parameter = (name, nodes.count - 1)
                    current = nodes.count - 1
                }
            } else {
                guard !text.contains("{") && !text.contains("}") else {
                    throw .invalidRoute(pattern: pattern, reason: "braces inside a literal segment")
                }
                if let child = nodes[current].literals[text] {
                    current = child
                } else {
                    nodes.append(Node())
                    nodes[current].literals[text] = nodes.count - 1
                    current = nodes.count - 1
                }
            }
        }
        guard !nodes[current].handlers.contains(where: { $0.method == method }) else {
            throw .invalidRoute(pattern: pattern, reason: "already registered for \(method)")
        }
        nodes[current].handlers.append((method, handler))
        nodes[current].pattern = pattern
        routes.append((method, pattern))
    }

    /// Finds the handler for `method` and the decoded `path`.
    public func route(_ method: HTTPMethod, path: String) -> RouteMatch<Handler> {
        guard path.hasPrefix("/") else { return .notFound }
        let segments = path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var captured: [(name: String, value: Substring)] = []
        guard let index = resolve(0, segments[...], &captured) else { return .notFound }
        let node = nodes[index]
        let handler =
            node.handlers.first { $0.method == method }?.handler
            ?? (method == .head ? node.handlers.first { $0.method == .get }?.handler : nil)
        guard let handler else {
            var allowed = Set(node.handlers.map(\.method))
            if allowed.contains(.get) { allowed.insert(.head) }
            return .methodNotAllowed(allowed: allowed.sorted())
        }
        var parameters: [String: String] = [:]
        parameters.reserveCapacity(captured.count)
        for (name, value) in captured { parameters[name] = String(value) }
        return .found(handler: handler, parameters: parameters, pattern: node.pattern ?? "")
    }

    private func resolve(
        _ index: Int, _ segments: ArraySlice<Substring.UTF8View.SubSequence>,
        _ captured: inout [(name: String, value: Substring)]
    ) -> Int? {
        guard let segment = segments.first else { return nodes[index].handlers.isEmpty ? nil : index }
        let rest = segments.dropFirst()
        let node = nodes[index]
        let text = Substring(segment)
        if let child = node.literals[String(text)], let found = resolve(child, rest, &captured) {
            return found
        }
        if let parameter = node.parameter, !text.isEmpty {
            captured.append((parameter.name, text))
            if let found = resolve(parameter.node, rest, &captured) { return found }
            captured.removeLast()
        }
        return nil
    }

    private static func isParameterName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || ASCII.lowercased(first) &- 0x61 < 26 else {
            return false
        }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ASCII.lowercased($0) &- 0x61 < 26 || $0 &- 0x30 < 10 }
    }
}

extension Router: Sendable where Handler: Sendable {}

extension Router.Node: Sendable where Handler: Sendable {}
