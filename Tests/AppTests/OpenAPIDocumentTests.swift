import Testing
import Web

@testable import App

@Suite struct OpenAPIDocumentTests {
    @Test func everyDocumentedRouteIsInTheDocumentAndPagesAreNot() throws {
        let application = try TestApplication.make()
        let outcome = application.respond(
            parameters: TestApplication.parameters("GET", "/api/v1/openapi.json"), body: [], bodyTooLarge: false)
        #expect(outcome.response.status == .ok)
        let document = try TestApplication.json(outcome.response)
        #expect(document["openapi"] == .string("3.1.0"))
        let paths = try #require(document["paths"]?.objectValue)
        for route in application.routes.routes {
            if route.documentation == nil {
                #expect(paths[route.pattern] == nil, "page \(route.pattern) leaked into the API document")
            } else {
                let item = try #require(paths[route.pattern], "\(route.pattern) missing")
                #expect(item[route.method.rawValue.lowercased()] != nil)
            }
        }
        #expect(paths["/api/v1/billing/products"]?["get"]?["responses"]?["200"] != nil)
    }

    @Test func operationIdsAreUnique() throws {
        let application = try TestApplication.make()
        let documented = application.routes.routes.filter { $0.documentation != nil }
        let ids = documented.map(OpenAPIDocument.operationID)
        #expect(Set(ids).count == ids.count)
    }

    @Test func bodiesAndProblemsAreDescribed() {
        let route = Route(
            method: .post, pattern: "/api/v1/orders/{id}/checkout", handler: { _ in Response() },
            documentation: RouteDocumentation(
                "x", tag: "orders", access: .authenticated, requestBody: "application/json",
                responses: [(201, "Created"), (404, "Not found")]))
        let operation = OpenAPIDocument.operation(route, route.documentation!)
        #expect(operation["requestBody"]?["content"]?["application/json"] != nil)
        #expect(operation["responses"]?["400"] != nil)
        #expect(operation["responses"]?["404"]?["content"]?["application/problem+json"] != nil)
        #expect(operation["parameters"]?[0]?["name"] == .string("id"))
        #expect(operation["security"] != nil)
        #expect(OpenAPIDocument.operationID(route) == "post_api_v1_orders_by_id_checkout")
    }
}
