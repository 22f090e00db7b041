import Foundation
import Signing
public import Web

/// Refunds, as Stripe answers them: of a PaymentIntent created here or of a paid Checkout session's intent,
/// at most what is left of its amount, `succeeded` at once.
extension StripeStandIn {
    /// Every refund created so far, in order of creation.
    public var refunds: [JSON] {
        lock.withLock {
            objects.values.filter { $0["object"]?.stringValue == "refund" }
                .sorted { ($0["created_order"]?.intValue ?? 0) < ($1["created_order"]?.intValue ?? 0) }
                .map(JSON.object)
        }
    }

    func createRefund(_ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        let form: FormData
        switch checkedForm(request, call: "POST /v1/refunds") {
        case .success(let parsed): form = parsed
        case .failure(let reply): return reply.reply
        }
        guard let intent = form["payment_intent"] ?? form["charge"] else {
            return error(
                400, type: "invalid_request_error", code: "parameter_missing", param: "payment_intent",
                message: "One of the following params should be provided for this request: payment_intent or charge.")
        }
        let paid: (amount: Int64, currency: String)? = lock.withLock {
            if let object = objects[intent], object["status"]?.stringValue == "succeeded",
                let amount = object["amount"]?.intValue
            {
                return (Int64(amount), object["currency"]?.stringValue ?? "eur")
            }
            if let session = sessions.values.first(where: {
                $0["payment_intent"]?.stringValue == intent && $0["payment_status"]?.stringValue == "paid"
            }), let amount = session["amount_total"]?.intValue {
                return (Int64(amount), session["currency"]?.stringValue ?? "eur")
            }
            return nil
        }
        guard let paid else {
            return error(
                400, type: "invalid_request_error", code: "resource_missing", param: "payment_intent",
                message: "No such payment_intent: '\(intent)'")
        }
        let refunded = lock.withLock {
            objects.values.filter {
                $0["object"]?.stringValue == "refund" && $0["payment_intent"]?.stringValue == intent
            }.reduce(Int64(0)) { $0 + Int64($1["amount"]?.intValue ?? 0) }
        }
        let amount = form["amount"].flatMap { Int64($0) } ?? (paid.amount - refunded)
        guard amount > 0, amount <= paid.amount - refunded else {
            return error(
                400, type: "invalid_request_error", code: "charge_already_refunded", param: "amount",
                message: "Refund amount exceeds what is left of the payment.")
        }
        let (id, order) = lock.withLock { () -> (String, Int) in
            counter += 1
            return ("re_standin_\(counter)_" + Hex.encode(SecureRandom.bytes(count: 6)), counter)
        }
        let refund: JSONObject = [
            "id": .string(id), "object": "refund", "amount": .int(amount), "currency": .string(paid.currency),
            "payment_intent": .string(intent), "reason": JSON(form["reason"]), "status": "succeeded",
            "metadata": .object(Self.metadata(form, prefix: "metadata[")),
            "created": .int(Int64(Date().timeIntervalSince1970)), "created_order": .int(Int64(order)),
        ]
        lock.withLock { objects[id] = refund }
        return .respond(status: 200, headers: headers(), body: JSON.object(refund).serialized())
    }
}
