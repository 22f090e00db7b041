import Domain
import Foundation
import Storage
import Web

/// Invoices and corrections (`/api/v1/invoices*`, DESIGN §10): a client sees its company's, finance and admin
/// staff every company's (optionally `?company_id=`). Another company's invoice is 404 for a client.
enum InvoiceRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/invoices",
            RouteDocumentation(
                "The company's invoices and corrections, newest first; finance/admin: every company's"
                    + " (filter: company_id; paged: limit, offset).", tag: "invoices", access: .companyOrStaff,
                responses: [(200, "{invoices: [...]}"), (400, "Bad company_id or paging"), (401, "Not signed in")],
                response: .object(["invoices": .array(InvoiceJSON.schema), "limit": .integer, "offset": .integer]),
                query: Paging.parameters + [
                    APIParameter("company_id", .uuid, "Staff with the second factor: only this company's")
                ]),
            list)
        table.add(
            .get, "/api/v1/invoices/{id}",
            RouteDocumentation(
                "One invoice or correction with its lines and both party snapshots.", tag: "invoices",
                access: .companyOrStaff,
                responses: [(200, "The invoice"), (401, "Not signed in"), (404, "No such invoice")],
                response: InvoiceJSON.detailSchema, path: ["id": .uuid]), detail)
        table.add(
            .get, "/api/v1/invoices/{id}/pdf",
            RouteDocumentation(
                "The stored ZUGFeRD/Factur-X PDF/A-3 (application/pdf); 503 with Retry-After until rendered.",
                tag: "invoices", access: .companyOrStaff,
                responses: [
                    (200, "The PDF"), (401, "Not signed in"), (404, "No such invoice"), (503, "Not rendered yet"),
                ], responseType: "application/pdf", response: .binary, path: ["id": .uuid]), pdf)
        table.add(
            .get, "/api/v1/invoices/{id}/xml",
            RouteDocumentation(
                "The stored XRechnung 3.0 CII XML (application/xml); 503 with Retry-After until rendered.",
                tag: "invoices", access: .companyOrStaff,
                responses: [
                    (200, "The XML"), (401, "Not signed in"), (404, "No such invoice"), (503, "Not rendered yet"),
                ], responseType: "application/xml", response: .binary, path: ["id": .uuid]), xml)
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let limit = try Paging.limit(context)
        let offset = try Paging.integer(context, "offset", default: 0, in: 0...1_000_000)
        var companyID: String? = caller.principal.companyID.rawValue
        // A malformed filter is a 400 for everybody (the documented parameter is a uuid), even where it is ignored.
        let filter = context.request.query("company_id")
        if let filter, UUID(uuidString: filter) == nil {
            throw Problem.badRequest(
                detail: "company_id must be a company id (uuid).",
                errors: [Web.FieldError(field: "company_id", detail: "not a uuid", code: "invalid")])
        }
        // Every company's invoices: a staff view, so only with the second factor (issue 13); without it staff see
        // their own company's like anyone.
        if caller.principal.role.isStaff && caller.principal.secondFactor {
            companyID = filter
        }
        let invoices = try InvoiceStore(connection: context.services.database).invoices(
            companyID: companyID, limit: limit, offset: offset)
        return .json(
            [
                "invoices": .array(invoices.map(InvoiceJSON.invoice)), "limit": JSON(limit), "offset": JSON(offset),
            ]
        ).private()
    }

    static func detail(_ context: RequestContext) throws -> Response {
        let (invoice, store) = try visibleInvoice(context)
        return .json(InvoiceJSON.detail(invoice, lines: try store.lines(invoiceID: invoice.id))).private()
    }

    static func pdf(_ context: RequestContext) throws -> Response {
        try document(context, kind: .pdf, contentType: "application/pdf")
    }

    static func xml(_ context: RequestContext) throws -> Response {
        try document(context, kind: .xml, contentType: "application/xml")
    }

    /// The invoice `{id}` if the caller may see it (their company's; staff: any), else 404.
    static func visibleInvoice(_ context: RequestContext) throws -> (InvoiceRecord, InvoiceStore) {
        let caller = try context.requireCaller()
        let store = InvoiceStore(connection: context.services.database)
        let id = context.parameter("id")
        let found =
            caller.principal.role.isStaff && caller.principal.secondFactor
            ? try store.invoice(id: id) : try store.invoice(id: id, companyID: caller.principal.companyID.rawValue)
        guard let invoice = found else { throw Problem.notFound(detail: "There is no such invoice.") }
        return (invoice, store)
    }

    private static func document(
        _ context: RequestContext, kind: InvoiceStore.DocumentKind, contentType: String
    ) throws -> Response {
        let (invoice, store) = try visibleInvoice(context)
        guard let bytes = try store.document(invoiceID: invoice.id, kind: kind) else {
            throw Problem.serviceUnavailable(
                retryAfter: 10,
                detail: "The document of invoice \(invoice.number) is being rendered; try again shortly.")
        }
        var response = Response(status: .ok, body: bytes)
        response.headers.replaceOrAdd(name: "Content-Type", value: contentType)
        response.headers.replaceOrAdd(
            name: "Content-Disposition", value: "attachment; filename=\"\(invoice.number).\(kind.rawValue)\"")
        return response.private()
    }
}
