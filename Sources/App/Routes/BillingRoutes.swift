import Storage
import Web

/// Credit packs and, later, checkout, purchases and balance (`/api/v1/billing/*`).
enum BillingRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/billing/products",
            RouteDocumentation("Credit packs with their net prices (VAT is added at checkout).", tag: "billing")
        ) { context in
            let products = try context.timedDatabase { try CreditProductStore(connection: $0).activeProducts() }
            let items: [JSON] = products.map { record in
                [
                    "id": .string(record.product.id), "credits": JSON(record.product.credits),
                    "net_cents": JSON(record.product.net.cents), "currency": .string(record.product.net.currency.code),
                    "name": ["de": .string(record.name.de), "en": .string(record.name.en)],
                ]
            }
            return .json(["currency": "EUR", "products": .array(items)])
        }
    }
}
