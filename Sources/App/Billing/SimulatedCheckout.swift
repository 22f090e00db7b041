import Domain
import Postgres
import Storage
import Stripe
import Web

/// Mock mode's "the buyer paid": the company's simulated session is completed through the same
/// ``FulfilPurchase`` as a real payment, with the amount the purchase charges.
enum SimulatedCheckout {
    static func complete(sessionID: String, caller: Caller, context: RequestContext) throws -> PurchaseRecord {
        guard SimulatedGateway.isSimulated(sessionID) else {
            throw Problem.notFound(detail: "There is no such checkout session.")
        }
        let connection = context.services.database
        let company = caller.principal.companyID
        let purchase = try connection.transaction { connection -> PurchaseRecord in
            guard let locked = try PurchaseStore(connection: connection).lockForUpdate(id: nil, sessionID: sessionID),
                locked.companyID == company
            else { throw Problem.notFound(detail: "There is no such checkout session.") }
            let signal = PaymentSignal.sessionCompleted(
                paymentStatus: "paid", amountTotal: locked.amountCents, currency: locked.currency.code)
            _ = try FulfilPurchase.apply(
                signal, purchaseID: locked.id, sessionID: sessionID, seller: context.services.configuration.seller,
                connection: connection, logger: context.logger)
            return locked
        }
        guard let updated = try PurchaseStore(connection: connection).purchase(id: purchase.id, companyID: company)
        else {
            throw Problem.notFound()
        }
        return updated
    }
}
