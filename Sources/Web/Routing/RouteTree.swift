/// The non-generic segment tree behind ``Router``: patterns to node indices, paths to a node and the
/// captured parameters. Kept free of the handler type so lookups are compiled once, fully optimised.
struct RouteTree: Sendable {
    struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: (name: String, node: Int)?
        /// Registered methods and the index of their handler in the router's handler list.
        var methods: [(method: HTTPMethod, handler: Int)] = []
        var pattern: String?
    }

    private(set) var nodes: [Node] = [Node()]
    /// Patterns without parameters, by their exact path: one hash lookup for most requests.
    private var literalRoutes: [String: Int] = [:]

    /// Adds `handler` for `method` at the node of `pattern`, creating nodes as needed.
    mutating func insert(_ method: HTTPMethod, _ pattern: String, handler: Int) throws(WebError) {
        guard pattern.hasPrefix("/") else { throw .invalidRoute(pattern: pattern, reason: "must start with '/'") }
        var current = 0
        var names: Set<String> = []
        for segment in pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                guard segment.hasSuffix("}"), RouteTree.isParameterName(name) else {
                    throw .invalidRoute(pattern: pattern, reason: "malformed parameter segment \(segment)")
                }
                guard names.insert(name).inserted else {
                    throw .invalidRoute(pattern: pattern, reason: "parameter {\(name)} appears twice")
                }
                current = try parameterChild(of: current, named: name, pattern: pattern)
            } else {
                guard !segment.contains("{") && !segment.contains("}") else {
                    throw .invalidRoute(pattern: pattern, reason: "braces inside a literal segment")
                }
                if let child = nodes[current].literals[String(segment)] {
                    current = child
                } else {
                    nodes.append(Node())
                    nodes[current].literals[String(segment)] = nodes.count - 1
                    current = nodes.count - 1
                }
            }
        }
        guard !nodes[current].methods.contains(where: { $0.method == method }) else {
            throw .invalidRoute(pattern: pattern, reason: "already registered for \(method)")
        }
        nodes[current].methods.append((method, handler))
        nodes[current].pattern = pattern
        if names.isEmpty { literalRoutes[pattern] = current }
    }

    private mutating func parameterChild(of node: Int, named name: String, pattern: String) throws(WebError) -> Int {
        if let existing = nodes[node].parameter {
            guard existing.name == name else {
                throw .invalidRoute(
                    pattern: pattern, reason: "{\(name)} conflicts with {\(existing.name)} at the same position")
            }
            return existing.node
        }
        nodes.append(Node())
        nodes[node].parameter = (name, nodes.count - 1)
        return nodes.count - 1
    }

    /// The node whose pattern matches `path` (literals first, depth first) and the captured parameters.
    func resolve(_ path: String) -> (node: Int, captured: [(name: String, value: Substring)])? {
        if let index = literalRoutes[path] { return (index, []) }
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var segments: [Substring] = []
        var start = utf8.index(after: utf8.startIndex)
        while let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
            segments.append(path[start..<slash])
            start = utf8.index(after: slash)
        }
        segments.append(path[start...])
        var captured: [(name: String, value: Substring)] = []
        guard let index = resolve(0, segments[...], &captured) else { return nil }
        return (index, captured)
    }

    private func resolve(
        _ index: Int, _ segments: ArraySlice<Substring>, _ captured: inout [(name: String, value: Substring)]
    ) -> Int? {
        guard let segment = segments.first else { return nodes[index].methods.isEmpty ? nil : index }
        let rest = segments.dropFirst()
        if let child = nodes[index].literals[String(segment)], let found = resolve(child, rest, &captured) {
            return found
        }
        if let parameter = nodes[index].parameter, !segment.isEmpty {
            captured.append((parameter.name, segment))
            if let found = resolve(parameter.node, rest, &captured) { return found }
            captured.removeLast()
        }
        return nil
    }

    /// The handler index for `method` at `node` (`HEAD` falls back to `GET`), or the allowed methods.
    func handler(for method: HTTPMethod, at node: Int) -> Result<Int, AllowedMethods> {
        let methods = nodes[node].methods
        if let match = methods.first(where: { $0.method == method }) { return .success(match.handler) }
        if method == .head, let get = methods.first(where: { $0.method == .get }) { return .success(get.handler) }
        var allowed = Set(methods.map(\.method))
        if allowed.contains(.get) { allowed.insert(.head) }
        return .failure(AllowedMethods(methods: allowed.sorted()))
    }

    /// The sorted methods a resource allows, as a failure value.
    struct AllowedMethods: Error {
        var methods: [HTTPMethod]
    }

    private static func isParameterName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || ASCII.lowercased(first) &- 0x61 < 26 else {
            return false
        }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ASCII.lowercased($0) &- 0x61 < 26 || $0 &- 0x30 < 10 }
    }
}
