import Foundation
import Signing
public import Web

/// Customers, setup-mode completion and off-session PaymentIntents, as Stripe answers them.
///
/// Charges follow Stripe's test payment methods: `pm_card_chargeDeclined` is declined at charge time (402
/// `card_error`/`card_declined` with the intent, status `requires_payment_method`, inside the error), a method
/// containing `sepa` stays `processing` until ``settlePaymentIntent(_:succeeded:)``, any other succeeds.
extension StripeStandIn {
    /// Completes the setup-mode session `id` as Stripe does when the buyer saved `paymentMethod`: the session is
    /// `complete` / `no_payment_required` with a succeeded SetupIntent for the session's customer. Returns the
    /// SetupIntent id (nil for an unknown session).
    @discardableResult
    public func markSetUp(_ id: String, paymentMethod: String = "pm_card_visa") -> String? {
        lock.withLock {
            guard var session = sessions[id] else { return nil }
            counter += 1
            let intentID = "seti_standin_\(counter)_" + Hex.encode(SecureRandom.bytes(count: 6))
            objects[intentID] = [
                "id": .string(intentID), "object": "setup_intent", "customer": session["customer"] ?? .null,
                "payment_method": .string(paymentMethod), "status": "succeeded", "usage": "off_session",
                "metadata": .object(objects["setup_intent_data:" + id] ?? [:]), "livemode": false,
                "created": .int(Int64(Date().timeIntervalSince1970)),
            ]
            session["status"] = "complete"
            session["payment_status"] = "no_payment_required"
            session["url"] = .null
            session["setup_intent"] = .string(intentID)
            sessions[id] = session
            return intentID
        }
    }

    /// A `processing` PaymentIntent settles: `succeeded`, or back to `requires_payment_method` with a failure.
    public func settlePaymentIntent(_ id: String, succeeded: Bool) {
        lock.withLock {
            guard var intent = objects[id], intent["object"]?.stringValue == "payment_intent" else { return }
            intent["status"] = succeeded ? "succeeded" : "requires_payment_method"
            intent["last_payment_error"] =
                succeeded
                ? .null
                : ["type": "card_error", "code": "payment_method_not_available", "message": "The debit was returned."]
            objects[id] = intent
        }
    }

    /// The object (customer, payment intent, setup intent) with `id` as the API would return it now.
    public func object(_ id: String) -> JSON? { lock.withLock { objects[id].map(JSON.object) } }

    /// Every payment intent created so far, in order of creation.
    public var paymentIntents: [JSON] {
        lock.withLock {
            objects.values.filter { $0["object"]?.stringValue == "payment_intent" }
                .sorted { ($0["created_order"]?.intValue ?? 0) < ($1["created_order"]?.intValue ?? 0) }
                .map(JSON.object)
        }
    }

    func createCustomer(_ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        let form: FormData
        switch checkedForm(request, call: "POST /v1/customers") {
        case .success(let parsed): form = parsed
        case .failure(let reply): return reply.reply
        }
        let id = lock.withLock { () -> String in
            counter += 1
            return "cus_standin_\(counter)_" + Hex.encode(SecureRandom.bytes(count: 6))
        }
        let customer: JSONObject = [
            "id": .string(id), "object": "customer", "name": JSON(form["name"]), "email": JSON(form["email"]),
            "metadata": .object(Self.metadata(form, prefix: "metadata[")), "livemode": false,
            "created": .int(Int64(Date().timeIntervalSince1970)),
        ]
        lock.withLock { objects[id] = customer }
        return .respond(status: 200, headers: headers(), body: JSON.object(customer).serialized())
    }

    func createPaymentIntent(_ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        let form: FormData
        switch checkedForm(request, call: "POST /v1/payment_intents") {
        case .success(let parsed): form = parsed
        case .failure(let reply): return reply.reply
        }
        for required in ["amount", "currency"] where form[required] == nil {
            return error(
                400, type: "invalid_request_error", code: "parameter_missing", param: required,
                message: "Missing required param: \(required).")
        }
        guard let amount = form["amount"].flatMap({ Int64($0) }), amount >= 50 else {
            return error(
                400, type: "invalid_request_error", code: "amount_too_small", param: "amount",
                message: "Amount must be at least 50 cents.")
        }
        if form["off_session"] == "true", form["confirm"] != "true" {
            return error(
                400, type: "invalid_request_error", param: "off_session",
                message: "off_session can only be used with confirm=true.")
        }
        let method = form["payment_method"]
        if let customer = form["customer"], lock.withLock({ objects[customer] }) == nil {
            return error(
                400, type: "invalid_request_error", code: "resource_missing", param: "customer",
                message: "No such customer: '\(customer)'")
        }
        let (id, order) = lock.withLock { () -> (String, Int) in
            counter += 1
            return ("pi_standin_\(counter)_" + Hex.encode(SecureRandom.bytes(count: 6)), counter)
        }
        var intent: JSONObject = [
            "id": .string(id), "object": "payment_intent", "amount": .int(amount),
            "currency": .string(form["currency"] ?? "eur"), "customer": JSON(form["customer"]),
            "payment_method": JSON(method), "description": JSON(form["description"]),
            "metadata": .object(Self.metadata(form, prefix: "metadata[")), "livemode": false,
            "created": .int(Int64(Date().timeIntervalSince1970)), "created_order": .int(Int64(order)),
            "last_payment_error": .null, "status": "succeeded",
        ]
        let declined = method == "pm_card_chargeDeclined"
        if form["confirm"] != "true" {
            intent["status"] = method == nil ? "requires_payment_method" : "requires_confirmation"
        } else if declined {
            intent["status"] = "requires_payment_method"
            intent["last_payment_error"] = [
                "type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                "message": "Your card was declined.",
            ]
        } else if method?.contains("sepa") == true {
            intent["status"] = "processing"
        }
        lock.withLock { objects[id] = intent }
        guard declined, form["confirm"] == "true" else {
            return .respond(status: 200, headers: headers(), body: JSON.object(intent).serialized())
        }
        let body: JSON = [
            "error": [
                "type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                "message": "Your card was declined.", "payment_intent": .object(intent),
            ]
        ]
        return .respond(status: 402, headers: headers(), body: body.serialized())
    }

    func objectReply(_ id: String, kind: String) -> StripeStandInHTTP.Reply {
        guard let object = lock.withLock({ objects[id] }), object["object"]?.stringValue == kind else {
            return error(
                404, type: "invalid_request_error", code: "resource_missing", param: "id",
                message: "No such \(kind): '\(id)'")
        }
        return .respond(status: 200, headers: headers(), body: JSON.object(object).serialized())
    }

    /// A failed check's reply (a `Result` failure must be an `Error`).
    struct CheckFailure: Error {
        let reply: StripeStandInHTTP.Reply
    }

    /// The form of a POST, every key checked against the call's parameter list.
    func checkedForm(_ request: StripeStandInRequest, call: String) -> Result<FormData, CheckFailure> {
        guard request.header("content-type")?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return .failure(
                CheckFailure(
                    reply: error(
                        400, type: "invalid_request_error",
                        message: "Content-Type must be application/x-www-form-urlencoded.")))
        }
        guard let form = try? FormData(parsing: request.body), let list = callParameters[call] else {
            return .failure(
                CheckFailure(reply: error(400, type: "invalid_request_error", message: "Invalid form encoding.")))
        }
        for field in form {
            guard let type = list.type(of: field.name) else {
                return .failure(CheckFailure(reply: unknownParameter(field.name)))
            }
            if let problem = check(field.value, against: type, name: field.name) {
                return .failure(CheckFailure(reply: problem))
            }
        }
        return .success(form)
    }

    static func metadata(_ form: FormData, prefix: String) -> JSONObject {
        var metadata = JSONObject()
        for field in form where field.name.hasPrefix(prefix) && field.name.hasSuffix("]") {
            metadata[String(field.name.dropFirst(prefix.count).dropLast())] =
                field.value.isEmpty ? nil : .string(field.value)
        }
        return metadata
    }
}
