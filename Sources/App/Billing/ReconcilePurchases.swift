import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe

/// The reconciliation job: PENDING purchases older than 15 minutes are checked against Stripe — paid ones
/// are fulfilled, expired ones fail, sessions still open past a day are expired — through the same
/// ``FulfilPurchase`` as webhooks. A webhook that never arrived cannot leave a paid purchase unfulfilled.
///
/// Ages come from the purchases' creation moments as the database stores them and `clock` (injected, so tests
/// move time instead of waiting).
struct ReconcilePurchases {
    let gateway: () throws(StripeError) -> any PaymentGateway
    /// The seller on the invoices of purchases fulfilled here.
    let seller: SellerProfile
    let logger: Logger
    /// Now.
    var clock: @Sendable () -> Date = { Date() }
    /// Purchases younger than this are left to the webhook.
    var minimumAge = 15 * 60
    /// Open sessions of purchases older than this are expired (Stripe's own default is 24 h).
    var maximumOpenAge: TimeInterval = 25 * 3600

    /// Reconciles up to 50 stale purchases; returns how many changed.
    func run(connection: PostgresConnection) throws -> Int {
        let now = clock()
        let stale = try PurchaseStore(connection: connection).stalePending(
            olderThanSeconds: minimumAge, now: now, limit: 50)
        var changed = 0
        for purchase in stale {
            guard let sessionID = purchase.sessionID else { continue }
            let session: CheckoutSession
            do throws(StripeError) {
                var current = try gateway().retrieveCheckoutSession(id: sessionID)
                if current.status == .open, now.timeIntervalSince(purchase.created) > maximumOpenAge {
                    current = try gateway().expireCheckoutSession(
                        id: sessionID, idempotencyKey: try IdempotencyKey(rowID: purchase.id, operation: "expire"))
                }
                session = current
            } catch {
                logger.warning(
                    "reconciliation could not reach Stripe",
                    metadata: ["purchase.id": "\(purchase.id)", "stripe.error": "\(error)"])
                if error.isOutage { break }
                continue
            }
            let (outcome, _) = try FulfilPurchase.apply(
                PaymentSignals.signal(for: session), purchaseID: purchase.id, sessionID: sessionID, seller: seller,
                connection: connection, logger: logger)
            if case .applied(let status, _) = outcome, status != purchase.status { changed += 1 }
        }
        return changed
    }
}
