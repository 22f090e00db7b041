import Domain
import Foundation
import Web

/// Builds the OpenAPI 3.1 document from the documented routes.
enum OpenAPIDocument {
    /// The document for `routes` served at `serverURL`.
    static func make(routes: [Route], serverURL: String) -> JSON {
        var paths = JSONObject()
        var order: [String] = []
        var operationsByPath: [String: JSONObject] = [:]
        for route in routes {
            guard let documentation = route.documentation else { continue }
            if operationsByPath[route.pattern] == nil { order.append(route.pattern) }
            var item = operationsByPath[route.pattern] ?? JSONObject()
            item[route.method.rawValue.lowercased()] = operation(route, documentation)
            operationsByPath[route.pattern] = item
        }
        for path in order { paths[path] = .object(operationsByPath[path] ?? JSONObject()) }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Code Zero API", "version": "1.0.0",
                "description": "The public and client API of German Code Zero AI. Errors are RFC 9457 problem+json.",
            ],
            "servers": [["url": .string(serverURL)]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "session": ["type": "apiKey", "in": "cookie", "name": "__Host-codezero_session"],
                    "bearer": ["type": "http", "scheme": "bearer"],
                ],
                "schemas": [
                    "Problem": [
                        "type": "object", "required": ["type", "title", "status"],
                        "properties": [
                            "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                            "detail": ["type": "string"], "instance": ["type": "string"],
                            "request_id": ["type": "string"],
                            "errors": [
                                "type": "array",
                                "items": [
                                    "type": "object",
                                    "properties": [
                                        "pointer": ["type": "string"], "field": ["type": "string"],
                                        "detail": ["type": "string"], "code": ["type": "string"],
                                    ],
                                ],
                            ],
                        ],
                    ]
                ],
            ],
        ]
    }

    /// The statuses every operation of this kind can answer besides its own: from the access it declares,
    /// its JSON body, its path parameters, the rate limits on writes and a database outage.
    static func impliedResponses(_ route: Route, _ documentation: RouteDocumentation) -> [(Int, String)] {
        var implied: [(Int, String)] = []
        switch documentation.access {
        case .anyone: break
        case .stripe:
            implied += [(400, "Missing or invalid Stripe-Signature"), (503, "Webhooks are not configured")]
        case .loopback:
            implied += [(403, "Not a loopback client (nginx)"), (404, "Not a loopback client")]
        case .authenticated, .companyOrStaff, .session, .finance, .admin, .staffSession, .signedInPage, .staffPage,
            .financePage, .adminPage:
            implied += [
                (401, "No valid session or token"),
                (403, "Wrong kind of credentials, missing CSRF token, role or second factor"),
            ]
        }
        if documentation.requestBody != nil {
            implied += [
                (400, "Malformed body"), (413, "Body too large"), (415, "Not application/json"),
                (422, "Invalid fields (errors[] names each)"),
            ]
        }
        if !documentation.query.isEmpty { implied += [(400, "Malformed query parameter")] }
        if route.pattern.contains("{") { implied += [(404, "No such object (or another company's)")] }
        if route.method != .get && route.method != .head {
            implied += [(429, "Too many writes (per account or address); see Retry-After")]
        }
        if documentation.needsDatabase { implied += [(503, "Database unavailable; see Retry-After")] }
        return implied
    }

    static func operation(_ route: Route, _ documentation: RouteDocumentation) -> JSON {
        var operation: JSONObject = [
            "summary": .string(documentation.summary), "tags": [.string(documentation.tag)],
            "operationId": .string(operationID(route)),
        ]
        var parameters: [JSON] = route.pattern.split(separator: "/")
            .filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
            .map { segment in
                let name = String(segment.dropFirst().dropLast())
                let schema = documentation.path[name] ?? APISchema.string(minimumLength: 1)
                return ["name": .string(name), "in": "path", "required": true, "schema": schema.json]
            }
        for parameter in documentation.query {
            parameters.append([
                "name": .string(parameter.name), "in": "query", "required": .bool(parameter.required),
                "description": .string(parameter.description), "schema": parameter.schema.json,
            ])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = documentation.requestBody {
            let schema = documentation.request?.json ?? ["type": "object"]
            operation["requestBody"] = ["required": true, "content": [body: ["schema": schema]]]
        }
        var responses = JSONObject()
        let problem: JSON = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
        for (status, description) in documentation.responses + impliedResponses(route, documentation)
        where responses[String(status)] == nil {
            if status >= 400 {
                responses[String(status)] = ["description": .string(description), "content": problem]
            } else if status == 204 || status == 304 || (300..<400).contains(status) {
                responses[String(status)] = ["description": .string(description)]
            } else {
                let schema = documentation.response?.json ?? ["type": "object"]
                var content = JSONObject()
                for type in documentation.responseType.split(separator: ",") {
                    content[type.trimmedWhitespace] = ["schema": schema]
                }
                responses[String(status)] = ["description": .string(description), "content": .object(content)]
            }
        }
        operation["responses"] = .object(responses)
        switch documentation.access {
        case .anyone, .stripe, .loopback: break
        case .session, .signedInPage, .staffSession, .staffPage, .financePage, .adminPage:
            operation["security"] = [["session": []]]
        case .authenticated, .companyOrStaff, .finance, .admin:
            operation["security"] = [["session": []], ["bearer": []]]
        }
        operation["x-access"] = .string(documentation.access.rawValue)
        return .object(operation)
    }

    static func operationID(_ route: Route) -> String {
        let words = route.pattern.split(separator: "/").map { segment -> String in
            segment.hasPrefix("{") ? "by_" + segment.dropFirst().dropLast() : String(segment)
        }
        return ([route.method.rawValue.lowercased()] + words).joined(separator: "_")
            .replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")
    }
}
