import Web

/// The `subscriptions.addons` column: `[{"id": "...", "quantity": n}]`.
enum SubscriptionAddonsJSON {
    static func encode(_ addons: [SubscriptionRecord.Addon]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for addon in addons {
            writer.beginObject()
            writer.key("id")
            writer.string(addon.id)
            writer.key("quantity")
            writer.integer(addon.quantity)
            writer.endObject()
        }
        writer.endArray()
        return writer.text
    }

    static func decode(_ text: String) -> [SubscriptionRecord.Addon] {
        guard let array = (try? JSON.parse(text))?.arrayValue else { return [] }
        return array.compactMap { object in
            guard let id = object["id"]?.stringValue, let quantity = object["quantity"]?.intValue else { return nil }
            return SubscriptionRecord.Addon(id: id, quantity: quantity)
        }
    }
}
