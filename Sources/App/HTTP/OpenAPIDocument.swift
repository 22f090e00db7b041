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

    static func operation(_ route: Route, _ documentation: RouteDocumentation) -> JSON {
        var operation: JSONObject = [
            "summary": .string(documentation.summary), "tags": [.string(documentation.tag)],
            "operationId": .string(operationID(route)),
        ]
        let parameters = route.pattern.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
        if !parameters.isEmpty {
            operation["parameters"] = .array(
                parameters.map { segment in
                    [
                        "name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true,
                        "schema": ["type": "string"],
                    ]
                })
        }
        if let body = documentation.requestBody {
            operation["requestBody"] = ["required": true, "content": [body: ["schema": ["type": "object"]]]]
        }
        var responses = JSONObject()
        for (status, description) in documentation.responses {
            let type = status < 400 ? documentation.responseType : "application/problem+json"
            let schema: JSON = status < 400 ? ["type": "object"] : ["$ref": "#/components/schemas/Problem"]
            responses[String(status)] = ["description": .string(description), "content": [type: ["schema": schema]]]
        }
        if documentation.requestBody != nil, responses["400"] == nil {
            responses["400"] = [
                "description": "Malformed body",
                "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
            ]
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
