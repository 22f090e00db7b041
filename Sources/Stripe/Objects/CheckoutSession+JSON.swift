public import Web

extension CheckoutSession {
    /// The session as Stripe-shaped JSON (the fields this type holds, with Stripe's names), for signed
    /// test events and the simulated gateway. ``init(json:path:)`` reads it back unchanged.
    public var json: JSON {
        [
            "id": .string(id), "object": "checkout.session", "amount_subtotal": amountSubtotal.map(JSON.int) ?? nil,
            "amount_total": amountTotal.map(JSON.int) ?? nil, "client_reference_id": JSON(clientReferenceID),
            "created": created.map(JSON.int) ?? nil, "currency": JSON(currency),
            "customer_details": customerEmail.map { ["email": .string($0)] } ?? nil,
            "expires_at": .int(expiresAt), "livemode": .bool(livemode),
            "metadata": .object(
                JSONObject(metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })),
            "mode": .string(mode.rawValue), "payment_intent": JSON(paymentIntentID),
            "payment_status": .string(paymentStatus.rawValue), "status": .string(status.rawValue), "url": JSON(url),
            "customer": JSON(customerID), "setup_intent": JSON(setupIntentID),
        ]
    }
}
