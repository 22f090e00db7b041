import Web

/// `GET /api/v1/openapi.json`: an OpenAPI 3.1 document generated from the route table, so it describes
/// exactly what exists.
enum OpenAPIRoutes {
    static func register(in table: inout RouteTable) {
        table.add(.get, "/api/v1/openapi.json", RouteDocumentation("This document.", tag: "meta")) { context in
            var response = Response.json(
                OpenAPIDocument.make(
                    routes: Routes.table(configuration: context.services.configuration).routes,
                    serverURL: context.services.configuration.publicURL))
            response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=300")
            return response
        }
    }
}
