import Domain
import Pages
import Storage
import Web

/// The portal's invoices page (`/de/portal/rechnungen`, `/en/portal/invoices`, DESIGN §10): the signed-in
/// company's invoices and corrections with links to their PDF and XML (`GET /api/v1/invoices/{id}/pdf|xml`,
/// which the session cookie authorises). Personal, never cached, scoped to the caller's company.
enum InvoicePortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.invoices.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let invoices = try page(context, caller)
                return try PortalRoutes.render(.invoices, context, language, caller) { $0.invoices = invoices }
            }
        }
    }

    /// The list in one statement (``InvoiceStore/listing(companyID:limit:)``).
    static func page(_ context: RequestContext, _ caller: Caller) throws -> PortalInvoices {
        let store = InvoiceStore(connection: context.services.database)
        return PortalInvoices(
            rows: try store.listing(companyID: caller.principal.companyID.rawValue).map { invoice in
                let currency = (try? Currency(code: invoice.currency)) ?? .eur
                return PortalInvoices.Row(
                    id: invoice.id, number: invoice.number, isCorrection: invoice.kind == .correction,
                    corrects: invoice.correctsNumber, issueDate: invoice.issueDate,
                    status: invoice.status.rawValue.lowercased(),
                    gross: Money(cents: invoice.grossCents, currency: currency),
                    open: invoice.status == .open ? Money(cents: invoice.openCents, currency: currency) : nil,
                    documentsReady: invoice.documentsReady)
            })
    }
}
