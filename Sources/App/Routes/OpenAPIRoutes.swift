import Web

/// `GET /api/v1/openapi.json`: an OpenAPI 3.1 document generated from the route table, so it describes
/// exactly what exists.
enum OpenAPIRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/openapi.json",
            RouteDocumentation(
                "This document.", tag: "meta", response: .object(["openapi": .string, "info": .any, "paths": .any]),
                needsDatabase: false)
        ) { context in
            let services = context.services
            let body =
                services.openAPIDocument
                ?? OpenAPIDocument.make(
                    routes: Routes.table(configuration: services.configuration).routes,
                    serverURL: services.configuration.publicURL
                ).serialized()
            services.openAPIDocument = body
            var response = Response(headers: ["Content-Type": "application/json"], body: body)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=300")
            return response
        }
    }
}
