import Domain
import Postgres
import Storage
import Stripe

/// Mock mode's "the buyer paid": the company's simulated session is completed through the same
/// ``FulfilPurchase`` as a real payment, with the amount the purchase charges.
enum SimulatedCheckout {
    static func complete(
        sessionID: String, caller: Caller, dependencies: CheckoutDependencies
    ) throws -> PurchaseRecord {
        guard SimulatedGateway.isSimulated(sessionID) else {
            throw CheckoutRefusal.unknownSession
        }
        let connection = dependencies.database
        let company = caller.principal.companyID
        let purchase = try connection.transaction { connection -> PurchaseRecord in
            guard let locked = try PurchaseStore(connection: connection).lockForUpdate(id: nil, sessionID: sessionID),
                locked.companyID == company
            else { throw CheckoutRefusal.unknownSession }
            let signal = PaymentSignal.sessionCompleted(
                paymentStatus: "paid", amountTotal: locked.amountCents, currency: locked.currency.code)
            _ = try FulfilPurchase.apply(
                signal, purchaseID: locked.id, sessionID: sessionID, seller: dependencies.seller,
                connection: connection, logger: dependencies.logger)
            return locked
        }
        guard let updated = try PurchaseStore(connection: connection).purchase(id: purchase.id, companyID: company)
        else { throw CheckoutRefusal.unknownSession }
        return updated
    }
}
