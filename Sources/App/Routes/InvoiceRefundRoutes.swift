import Domain
import Postgres
import Storage
import Stripe
import Web

/// Finance-initiated refunds (`/api/v1/finance/{invoices,purchases}/{id}/refund`, DESIGN §10): Stripe refund with an
/// idempotency key → a Rechnungskorrektur once Stripe confirms. Bad input writes nothing.
enum InvoiceRefundRoutes {
    static func register(in table: inout RouteTable) {
        let responses: [(Int, String)] = [
            (201, "Refunded; {refund_id, refund_status, correction}"),
            (202, "Refund pending at Stripe; the correction follows its confirmation"), (400, "Malformed body"),
            (401, "Not signed in"), (403, "Not finance or admin, or CSRF token missing"), (404, "No such invoice"),
            (409, "Not a paid invoice"), (422, "amount_cents above what is left to refund, or reason missing"),
            (503, "Payment provider unavailable"),
        ]
        let request = APISchema.object([
            "reason": .text(500), "amount_cents?": APISchema.integer(minimum: 1).orNull,
        ])
        let response = APISchema.object([
            "refund_id": .string, "refund_status": .string, "amount_cents": .integer,
            "correction": InvoiceJSON.schema.orNull,
        ])
        table.add(
            .post, "/api/v1/finance/invoices/{id}/refund",
            RouteDocumentation(
                "Refund a paid invoice {amount_cents?, reason} (default: all that is left) and issue its correction.",
                tag: "finance", access: .finance, requestBody: "application/json", responses: responses,
                request: request, response: response, path: ["id": .uuid]),
            refundInvoice)
        table.add(
            .post, "/api/v1/finance/purchases/{id}/refund",
            RouteDocumentation(
                "Refund the invoice of a paid purchase {amount_cents?, reason} and issue its correction.",
                tag: "finance", access: .finance, requestBody: "application/json", responses: responses,
                request: request, response: response, path: ["id": .uuid]),
            refundPurchase)
    }

    static func refundInvoice(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let request = try body(context)
        guard let invoice = try InvoiceStore(connection: context.services.database).invoice(id: context.parameter("id"))
        else { throw Problem.notFound(detail: "There is no such invoice.") }
        return try refund(invoice, request, caller: caller, context: context)
    }

    static func refundPurchase(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let request = try body(context)
        let id = context.parameter("id")
        let connection = context.services.database
        guard let invoice = try InvoiceStore(connection: connection).invoice(purchaseID: id) else {
            let exists = try connection.transaction {
                try PurchaseStore(connection: $0).lockForUpdate(id: id, sessionID: nil) != nil
            }
            if exists { throw Problem.conflict(detail: "This purchase is not paid, so there is nothing to refund.") }
            throw Problem.notFound(detail: "There is no such purchase.")
        }
        return try refund(invoice, request, caller: caller, context: context)
    }

    private static func body(_ context: RequestContext) throws -> (amount: Int?, reason: String) {
        var fields = JSONFields(try context.jsonObject())
        let reason = fields.string("reason", maximumLength: 500)
        var amount: Int?
        if let value = try context.jsonObject()["amount_cents"], !value.isNull {
            if let cents = value.intValue, cents >= 1 {
                amount = cents
            } else {
                fields.fail("amount_cents", "must be a whole number of cents, at least 1", code: "invalid")
            }
        }
        try fields.check()
        return (amount, reason)
    }

    private static func refund(
        _ invoice: InvoiceRecord, _ request: (amount: Int?, reason: String), caller: Caller, context: RequestContext
    ) throws -> Response {
        let billing = context.services.billing
        let result: RefundInvoice.Result
        do {
            result = try RefundInvoice(
                gateway: { () throws(StripeError) in try billing.gateway() },
                seller: context.services.configuration.seller, logger: context.logger
            ).run(invoice, grossCents: request.amount, reason: request.reason, connection: context.services.database)
        } catch RefundInvoice.Failure.rejected(let rejection) {
            throw InvoiceRefundRefusal(invoiceNumber: invoice.number, reason: .rejected(rejection))
        } catch RefundInvoice.Failure.noPayment {
            throw InvoiceRefundRefusal(invoiceNumber: invoice.number, reason: .noPayment)
        } catch RefundInvoice.Failure.gateway(let error) {
            throw error
        }
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: AuditAction("finance.invoice.refund"), target: invoice.id,
                ip: context.clientAddress,
                details: [
                    "refund_id": result.refund.id, "amount_cents": "\(result.refund.amount)",
                    "correction": result.correction?.number ?? "",
                ]))
        return .json(
            [
                "refund_id": .string(result.refund.id), "refund_status": .string(result.refund.status),
                "amount_cents": .int(result.refund.amount),
                "correction": result.correction.map(InvoiceJSON.invoice) ?? .null,
            ], status: result.correction == nil ? .accepted : .created
        ).private()
    }
}
