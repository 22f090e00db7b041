import Domain
import Pages
import Web

/// The catalog and the price quote (`/api/v1/catalog`, `/api/v1/pricing/quote`): prices are decided here,
/// never in a browser.
enum CatalogRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/catalog",
            RouteDocumentation(
                "Base packages and add-ons: de/en names, net prices in cents, interval.", tag: "catalog",
                response: .object([
                    "currency": .string,
                    "packages": .array(
                        .object([
                            "id": .string, "name": .localized, "description": .localized, "net_cents": .integer,
                            "interval": .string,
                        ])),
                    "addons": .array(
                        .object([
                            "id": .string, "name": .localized, "description": .localized, "net_cents": .integer,
                            "interval": .string, "max_quantity": .integer,
                        ])),
                ])),
            catalog)
        table.add(
            .post, "/api/v1/pricing/quote",
            RouteDocumentation(
                "Price a configuration for a country and VAT ID: lines, net, VAT, gross, reverse charge.",
                tag: "catalog",
                requestBody: "application/json",
                responses: [(200, "The quote"), (422, "Unknown item, bad quantity, or VAT ID missing/invalid")],
                request: QuoteJSON.requestSchema(countryRequired: true), response: QuoteJSON.schema),
            quote)
    }

    static func catalog(_ context: RequestContext) throws -> Response {
        let catalog = try context.services.catalog.current()
        func text(_ value: LocalizedText) -> JSON { ["de": .string(value.de), "en": .string(value.en)] }
        let packages: [JSON] = catalog.packages.filter(\.isActive).map { item in
            [
                "id": .string(item.id), "name": text(item.name), "description": text(item.description),
                "net_cents": JSON(item.net.cents), "interval": .string(item.interval.rawValue),
            ]
        }
        let addons: [JSON] = catalog.addons.filter(\.isActive).map { item in
            [
                "id": .string(item.id), "name": text(item.name), "description": text(item.description),
                "net_cents": JSON(item.net.cents), "interval": .string(item.interval.rawValue),
                "max_quantity": JSON(item.maxQuantity),
            ]
        }
        var response = Response.json(["currency": "EUR", "packages": .array(packages), "addons": .array(addons)])
        response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=60")
        return response
    }

    static func quote(_ context: RequestContext) throws -> Response {
        let input = try QuoteJSON.request(try context.jsonObject())
        let catalog = try context.services.catalog.current()
        do {
            let quote = try Pricing(catalog: catalog).quote(
                package: input.package, addons: input.addons, countryCode: input.country ?? "", vatId: input.vatId)
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: QuoteJSON.body(quote))
        } catch {
            throw localized(error, context)
        }
    }

    /// The 422 for a pricing rule, its `detail` in the language the client asked for (the configurator
    /// script shows it as it is).
    static func localized(_ error: DomainError, _ context: RequestContext) -> Problem {
        var problem = error.problem
        let language = Language(rawValue: context.request.preferredLanguage(among: ["de", "en"], default: "en")) ?? .en
        if let text = Strings.table(for: language)[error.messageKey] {
            problem.detail = text
            if !problem.errors.isEmpty { problem.errors[0].detail = text }
        }
        return problem
    }
}
