import Foundation

/// The `subscriptions.addons` column: `[{"id": "...", "quantity": n}]`.
enum SubscriptionAddonsJSON {
    static func encode(_ addons: [SubscriptionRecord.Addon]) -> String {
        let objects: [[String: Any]] = addons.map { ["id": $0.id, "quantity": $0.quantity] }
        guard let data = try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys]) else {
            return "[]"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [SubscriptionRecord.Addon] {
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            return []
        }
        return array.compactMap { object in
            guard let id = object["id"] as? String, let quantity = object["quantity"] as? Int else { return nil }
            return SubscriptionRecord.Addon(id: id, quantity: quantity)
        }
    }
}
