import Domain
import Jobs
import Logging
import Postgres
import Storage

/// The one fulfilment function: applies a verified payment signal to a purchase, in the caller's
/// transaction. Used by the Stripe event handler, the success page, the simulated checkout and the
/// reconciliation job — so whatever the order, duplication or concurrency of signals, a payment grants its
/// credits (or marks its order paid) exactly once: the purchase row is locked, the transition is pure, and
/// the ledger's unique index refuses a second grant even if the code were wrong. The call that fulfils also
/// issues the purchase's invoice (``IssueInvoice``), in the same transaction.
enum FulfilPurchase {
    /// What happened.
    enum Outcome: Equatable {
        /// No purchase matches the reference.
        case unknownPurchase
        /// The purchase is now in `status`; `fulfilled` tells whether this call granted / marked paid.
        case applied(status: PurchaseStatus, fulfilled: Bool)
        /// Stripe reported another amount or currency; nothing changed (an operator is alerted).
        case amountMismatch
    }

    /// Applies `signal` to the purchase `purchaseID` (our `client_reference_id`) and/or `sessionID`.
    /// Must run inside a transaction on `connection`.
    static func apply(
        _ signal: PaymentSignal, purchaseID: String?, sessionID: String?, seller: SellerProfile,
        connection: PostgresConnection, logger: Logger
    ) throws -> (Outcome, PurchaseRecord?) {
        precondition(connection.isInTransaction, "FulfilPurchase.apply needs the caller's transaction")
        guard
            let purchase = try PurchaseStore(connection: connection).lockForUpdate(id: purchaseID, sessionID: sessionID)
        else { return (.unknownPurchase, nil) }
        return try apply(signal, toLocked: purchase, seller: seller, connection: connection, logger: logger)
    }

    /// Applies `signal` to a purchase already locked in the caller's transaction.
    static func apply(
        _ signal: PaymentSignal, toLocked purchase: PurchaseRecord, seller: SellerProfile,
        connection: PostgresConnection, logger: Logger
    ) throws -> (Outcome, PurchaseRecord?) {
        let purchases = PurchaseStore(connection: connection)
        let transition = PurchaseTransition.apply(
            signal, to: purchase.status, amountCents: purchase.amountCents, currency: purchase.currency)
        var fulfilled = false
        for action in transition.actions {
            switch action {
            case .fulfil:
                fulfilled = try fulfil(purchase, connection: connection, logger: logger)
                if fulfilled {
                    _ = try IssueInvoice(seller: seller, logger: logger).forPurchase(purchase, connection: connection)
                    try OrderConfirmationMail.enqueue(for: purchase, on: connection)
                }
            case .revokeCredits:
                try CreditLedger(connection: connection).revoke(
                    purchaseID: purchase.id, companyID: purchase.companyID.rawValue)
            case .reportAmountMismatch(let expected, let reported, let currency):
                try IncidentStore(connection: connection).record(
                    NewIncident(
                        kind: .amountMismatch, dedupeKey: "payment.amount_mismatch:\(purchase.id)",
                        detail:
                            "Stripe reported \(reported.map(String.init) ?? "no amount") \(currency ?? "")"
                            + " for a purchase of \(expected) \(purchase.currency); nothing was fulfilled.",
                        companyID: purchase.companyID.rawValue, subject: ["purchase_id": purchase.id]))
                logger.critical(
                    "payment amount does not match the purchase; not fulfilled",
                    metadata: [
                        "purchase.id": "\(purchase.id)", "purchase.amount_cents": "\(expected)",
                        "stripe.amount_total": "\(reported.map(String.init) ?? "none")",
                        "stripe.currency": "\(currency ?? "none")",
                    ])
                return (.amountMismatch, purchase)
            }
        }
        if transition.status != purchase.status {
            try purchases.setStatus(transition.status, purchaseID: purchase.id)
            logger.info(
                "purchase status changed",
                metadata: [
                    "purchase.id": "\(purchase.id)", "purchase.from": "\(purchase.status.rawValue)",
                    "purchase.to": "\(transition.status.rawValue)",
                ])
        }
        return (.applied(status: transition.status, fulfilled: fulfilled), purchase)
    }

    /// Grants the credits or marks the order paid and enqueues its fulfilment; true when this call did it.
    private static func fulfil(
        _ purchase: PurchaseRecord, connection: PostgresConnection, logger: Logger
    ) throws -> Bool {
        switch purchase.kind {
        case .credits, .izaPass:
            let granted = try CreditLedger(connection: connection).grant(
                purchaseID: purchase.id, companyID: purchase.companyID.rawValue, credits: purchase.credits)
            logger.info(
                granted ? "credits granted" : "credits were granted before",
                metadata: ["purchase.id": "\(purchase.id)", "purchase.credits": "\(purchase.credits)"])
            return granted
        case .order:
            guard let orderID = purchase.orderID else { return false }
            let marked = try OrderStore(connection: connection).markPaid(id: orderID)
            if marked {
                _ = try JobQueue().enqueue(
                    NewJob(
                        kind: JobKinds.orderFulfil, payload: #"{"order_id":"\#(orderID)"}"#,
                        dedupeKey: "order.fulfil:\(orderID)"), on: connection)
            }
            if !marked {
                try recordDuplicatePayment(purchase, orderID: orderID, connection: connection, logger: logger)
            }
            logger.info(marked ? "order paid" : "order was paid before", metadata: ["order.id": "\(orderID)"])
            return marked
        }
    }
}

extension FulfilPurchase {
    /// The dedupe key of the duplicate-payment incident of `purchaseID`.
    static func duplicateKey(_ purchaseID: String) -> String { "payment.duplicate:\(purchaseID)" }

    /// A purchase for an order that another purchase already paid (or that was cancelled): the buyer paid
    /// twice. One incident per purchase, in the fulfilling transaction.
    static func recordDuplicatePayment(
        _ purchase: PurchaseRecord, orderID: String, connection: PostgresConnection, logger: Logger
    ) throws {
        let payload = #"{"purchase_id":"\#(purchase.id)"}"#
        try IncidentStore(connection: connection).record(
            NewIncident(
                kind: .duplicatePayment, dedupeKey: duplicateKey(purchase.id),
                detail:
                    "A second payment of \(purchase.amountCents) \(purchase.currency) arrived for order \(orderID),"
                    + " which was paid before.",
                companyID: purchase.companyID.rawValue, subject: ["purchase_id": purchase.id, "order_id": orderID],
                retry: .enqueue(kind: JobKinds.refundDuplicate, payload: payload)))
        // The refund goes through the gateway in its own job (a network call, retried with backoff).
        try JobQueue().enqueue(
            NewJob(
                kind: JobKinds.refundDuplicate, payload: payload,
                dedupeKey: "\(JobKinds.refundDuplicate):\(purchase.id)"),
            on: connection)
        logger.error(
            "second payment for an order that was paid before",
            metadata: ["purchase.id": "\(purchase.id)", "order.id": "\(orderID)"])
    }
}

/// The job kinds of the jobs process.
enum JobKinds {
    /// Process one stored Stripe event (payload `{"event_id": …}`).
    static let stripeEvent = "stripe.event"
    /// Fulfil a paid configurator order (payload `{"order_id": …}`).
    static let orderFulfil = "order.fulfil"
    /// Reconcile PENDING purchases older than 15 minutes with Stripe.
    static let reconcile = "purchases.reconcile"
    /// Remove expired sessions, old login failures and finished jobs.
    static let prune = "maintenance.prune"
    /// Empty nginx's page cache after a catalog change (enqueued by a trigger on `catalog_version`).
    static let purgePages = "cache.purge_pages"
    /// Render an issued invoice's XML and PDF (payload `{"invoice_id": …}`), enqueued by ``IssueInvoice``.
    static let renderInvoice = "invoice.render"
    /// Refund a second payment for an order that was paid before (payload `{"purchase_id": …}`).
    static let refundDuplicate = "payment.refund_duplicate"
}
