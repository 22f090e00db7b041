import CivilTime
import Domain
import Foundation
import Postgres
import Storage
import Web

/// Bookkeeping for finance (finance or admin): the DATEV Buchungsstapel of a period (CSV, or a ZIP with the CSV
/// and the period's XRechnung XML and PDF) and the VAT report of the same period. Periods are issue dates,
/// inclusive, within one fiscal year (DATEV takes one year per batch). Every export is audited.
enum FinanceExportRoutes {
    /// At most this many invoices in one ZIP (documents are held in memory): a longer period is a 422.
    static let maximumZipInvoices = 2_000

    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/finance/exports/datev",
            RouteDocumentation(
                "DATEV EXTF Buchungsstapel (format 700, category 21, version 13; Windows-1252; SKR03 accounts 8400/"
                    + "8336/8338 configurable; one debtor account per company) of the invoices and corrections "
                    + "issued from `from` to `to` (YYYY-MM-DD, inclusive, one fiscal year). `format=zip`: a ZIP of "
                    + "that CSV plus each invoice's XRechnung XML and Factur-X PDF (at most 2,000 invoices).",
                tag: "finance", access: .finance,
                responses: [
                    (200, "text/csv (windows-1252) or application/zip"), (401, "Not signed in"),
                    (403, "Not finance or admin"),
                    (422, "from/to missing, malformed, reversed, across fiscal years; unknown format; too many"),
                ], responseType: "text/csv, application/zip", response: .binary,
                query: [
                    APIParameter("from", .date, required: true, "First issue date (YYYY-MM-DD)"),
                    APIParameter("to", .date, required: true, "Last issue date (YYYY-MM-DD), not before from"),
                    APIParameter("format", .oneOf(["csv", "zip"]), "csv (default) or zip"),
                ]), datev)
        table.add(
            .get, "/api/v1/finance/reports/vat",
            RouteDocumentation(
                "VAT report of the invoices and corrections issued from `from` to `to` (YYYY-MM-DD, inclusive): per "
                    + "VAT category (S, AE, O) the count and the sums of net, VAT and gross in cents, and the totals.",
                tag: "finance", access: .finance,
                responses: [
                    (200, "Report"), (401, "Not signed in"), (403, "Not finance or admin"),
                    (422, "from/to missing, malformed or reversed"),
                ],
                response: .object([
                    "from": .date, "to": .date,
                    "categories": .array(
                        .object([
                            "category": .string, "invoices": .integer, "net_cents": .integer, "vat_cents": .integer,
                            "gross_cents": .integer,
                        ])),
                    "totals": .object([
                        "invoices": .integer, "net_cents": .integer, "vat_cents": .integer, "gross_cents": .integer,
                    ]),
                ]),
                query: [
                    APIParameter("from", .date, required: true, "First issue date (YYYY-MM-DD)"),
                    APIParameter("to", .date, required: true, "Last issue date (YYYY-MM-DD), not before from"),
                ]), vatReport)
    }

    /// The period of `from` and `to`; a 422 naming every bad field.
    static func period(_ context: RequestContext) throws -> (from: CalendarDate, to: CalendarDate) {
        var errors: [Web.FieldError] = []
        func day(_ name: String) -> CalendarDate? {
            guard let text = context.request.query(name) else {
                errors.append(Web.FieldError(field: name, detail: "required, as YYYY-MM-DD", code: "required"))
                return nil
            }
            guard let day = CalendarDate(iso: text) else {
                errors.append(Web.FieldError(field: name, detail: "not a date (YYYY-MM-DD)", code: "invalid"))
                return nil
            }
            return day
        }
        let from = day("from")
        let to = day("to")
        if let from, let to, to < from {
            errors.append(Web.FieldError(field: "to", detail: "before from", code: "reversed"))
        }
        guard errors.isEmpty, let from, let to else {
            throw Problem.unprocessable(
                detail: "The period needs from and to as YYYY-MM-DD, from ≤ to.", errors: errors)
        }
        return (from, to)
    }

    static func datev(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let (from, to) = try period(context)
        let settings = context.services.configuration.datev
        let format = context.request.query("format") ?? "csv"
        guard format == "csv" || format == "zip" else {
            throw Problem.unprocessable(
                detail: "format must be csv or zip.",
                errors: [Web.FieldError(field: "format", detail: "csv or zip", code: "invalid")])
        }
        guard
            DATEVExport.fiscalYearStart(of: from, settings: settings)
                == DATEVExport.fiscalYearStart(of: to, settings: settings)
        else {
            throw Problem.unprocessable(
                detail: "DATEV takes one fiscal year per batch: split the period at the start of the fiscal year.",
                errors: [Web.FieldError(field: "to", detail: "in another fiscal year than from", code: "fiscal_year")])
        }
        let database = context.services.database
        let store = InvoiceStore(connection: database)
        if format == "zip", try store.count(from: from.iso, to: to.iso) > maximumZipInvoices {
            throw Problem.unprocessable(
                detail: "More than \(maximumZipInvoices) invoices in this period: choose a shorter one.",
                errors: [Web.FieldError(field: "to", detail: "period too long for one ZIP", code: "too_many")])
        }
        let rows = try database.transaction { connection in
            try InvoiceStore(connection: connection).bookkeepingRows(
                from: from.iso, to: to.iso, firstDebtorAccount: settings.firstDebtorAccount)
        }
        let bookings = rows.compactMap { row -> DATEVBooking? in
            guard let date = CalendarDate(iso: row.issueDate), let service = CalendarDate(iso: row.serviceEnd) else {
                return nil
            }
            let title = row.kind == .correction ? "Rechnungskorrektur" : "Rechnung"
            return DATEVBooking(
                grossCents: row.grossCents, debtorAccount: row.debtorAccount,
                revenueAccount: settings.revenueAccount(for: row.vatCategory), date: date, number: row.number,
                text: "\(title) \(row.number) \(row.buyerName)",
                buyerVatId: row.vatCategory == .reverseCharge ? row.buyerVatID : nil, serviceDate: service)
        }
        let csv = DATEVExport.csv(
            bookings: bookings, settings: settings, from: from, to: to, createdAt: Self.timestamp(Date()),
            exportedBy: caller.principal.email.value)
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: AuditAction("finance.datev.export"),
                target: "\(from.iso)..\(to.iso) \(format)", ip: context.clientAddress))
        let name = "EXTF_Buchungsstapel_\(from.iso)_\(to.iso)"
        guard format == "zip" else {
            return attachment(csv, type: "text/csv; charset=windows-1252", filename: "\(name).csv")
        }
        var zip = ZipArchive()
        zip.add(name: "\(name).csv", content: csv, year: to.year, month: to.month, day: to.day)
        for document in try store.documents(from: from.iso, to: to.iso) {
            zip.add(
                name: "\(document.kind.rawValue)/\(document.number).\(document.kind.rawValue)",
                content: document.content,
                year: to.year, month: to.month, day: to.day)
        }
        return attachment(zip.archive, type: "application/zip", filename: "Rechnungen_\(from.iso)_\(to.iso).zip")
    }

    static func vatReport(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let (from, to) = try period(context)
        let report = try InvoiceStore(connection: context.services.database).vatReport(from: from.iso, to: to.iso)
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: AuditAction("finance.vat_report"), target: "\(from.iso)..\(to.iso)",
                ip: context.clientAddress))
        let totals = report.reduce(into: (count: 0, net: 0, vat: 0, gross: 0)) { sums, line in
            sums.count += line.count
            sums.net += line.netCents
            sums.vat += line.vatCents
            sums.gross += line.grossCents
        }
        return .json([
            "from": .string(from.iso), "to": .string(to.iso),
            "categories": .array(
                report.map { line in
                    [
                        "category": .string(line.category.code), "invoices": JSON(line.count),
                        "net_cents": JSON(line.netCents), "vat_cents": JSON(line.vatCents),
                        "gross_cents": JSON(line.grossCents),
                    ]
                }),
            "totals": [
                "invoices": JSON(totals.count), "net_cents": JSON(totals.net), "vat_cents": JSON(totals.vat),
                "gross_cents": JSON(totals.gross),
            ],
        ]).private()
    }

    static func attachment(_ body: [UInt8], type: String, filename: String) -> Response {
        var response = Response(status: .ok, body: body)
        response.headers.replaceOrAdd(name: "Content-Type", value: type)
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "attachment; filename=\"\(filename)\"")
        return response.private()
    }

    /// `YYYYMMDDHHMMSSFFF` in UTC, the EXTF header's creation time.
    static func timestamp(_ date: Date) -> String {
        CivilFormat.datevStamp(milliseconds: Int64((date.timeIntervalSince1970 * 1_000).rounded(.down)))
    }
}
