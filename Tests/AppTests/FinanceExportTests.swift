import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The DATEV export parses as an EXTF 700 Buchungsstapel whose amounts and accounts are the invoices', its sums
/// agree with the VAT report of the same period, the ZIP holds every invoice's XML and PDF, bad periods are 422.
@Suite struct FinanceExportTests {
    static let password = "finance password 1234"

    struct Fixture {
        let harness: BillingHarness
        let finance: TestClient
        let today: String

        init() throws {
            harness = try BillingHarness()
            for (country, vatId) in [("DE", nil), ("AT", "ATU13585627"), ("CH", nil), ("DE", nil)]
                as [(String, String?)]
            {
                let email = "buyer-\(UUID().uuidString.prefix(8).lowercased())@example.com"
                let buyer = harness.buyer(email, country: country, vatId: vatId)
                let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
                let session = try #require(started.json["session_id"]?.stringValue)
                _ = buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)])
            }
            precondition(
                CommandLineInterface.createUser(
                    connectionString: harness.database.connectionString, email: "finance@codezero.example",
                    role: "finance", password: FinanceExportTests.password, passwordCostLogN: 10) == 0)
            finance = TestClient(harness.application)
            finance.address = "127.0.0.1"
            let login = finance.send(
                "POST", "/api/v1/auth/login",
                json: ["email": "finance@codezero.example", "password": .string(FinanceExportTests.password)])
            precondition(login.status == .ok)
            // Staff routes need a verified second factor (the TOTP flow itself is SecondFactorTests' subject).
            try finance.markSecondFactorVerified(harness.database)
            today = try harness.database.connect().query(
                "SELECT (now() AT TIME ZONE 'Europe/Berlin')::date::text AS d")[0].string("d")
        }
    }

    /// Splits a CSV line at `;` outside double quotes, unquoting.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == ";" {
                fields.append(field); field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    @Test func datevCSVMatchesTheInvoicesAndTheVATReport() throws {
        let fixture = try Fixture()
        let period = "from=\(fixture.today)&to=\(fixture.today)"
        let response = fixture.finance.send("GET", "/api/v1/finance/exports/datev?\(period)")
        #expect(response.status == .ok)
        #expect(response.headers.values(for: "Content-Type").first == "text/csv; charset=windows-1252")
        let text = try #require(String(data: Data(response.body), encoding: .windowsCP1252))
        let lines = text.split(separator: "\r\n")
        let header = Self.fields(lines[0])
        #expect(header.count == 31)
        #expect(Array(header[0..<5]) == ["EXTF", "700", "21", "Buchungsstapel", "13"])
        #expect(header[14] == fixture.today.replacingOccurrences(of: "-", with: ""))
        #expect(header[26] == "03")
        #expect(Self.fields(lines[1]).count == 125)
        let bookings = lines.dropFirst(2).map(Self.fields)
        let invoices = try InvoiceStore(connection: fixture.harness.database.connect()).invoices(companyID: nil)
        #expect(bookings.count == invoices.count && invoices.count == 4)
        var grossByAccount: [String: Int] = [:]
        var debtors: Set<String> = []
        for booking in bookings {
            #expect(booking.count == 125)
            let invoice = try #require(invoices.first { $0.number == booking[10] })
            let cents = Int(booking[0].replacingOccurrences(of: ",", with: ""))!
            #expect(cents == abs(invoice.grossCents) && booking[1] == (invoice.grossCents < 0 ? "H" : "S"))
            let account = ["S": "8400", "AE": "8336", "O": "8338"][invoice.vatCategory.code]!
            #expect(booking[7] == account)
            #expect(booking[39] == (invoice.vatCategory == .reverseCharge ? "ATU13585627" : ""))
            grossByAccount[account, default: 0] += invoice.grossCents < 0 ? -cents : cents
            debtors.insert(booking[6])
        }
        #expect(debtors == ["10000", "10001", "10002", "10003"])
        // The same period's VAT report: the gross per category equals what the CSV books on its revenue account.
        let report = fixture.finance.send("GET", "/api/v1/finance/reports/vat?\(period)")
        #expect(report.status == .ok)
        guard case .array(let categories)? = report.json["categories"] else {
            Issue.record("no categories: \(report.json)")
            return
        }
        for category in categories {
            let account = ["S": "8400", "AE": "8336", "O": "8338"][category["category"]?.stringValue ?? ""] ?? "?"
            #expect(category["gross_cents"]?.intValue == grossByAccount[account], "\(category)")
        }
        #expect(report.json["totals"]?["gross_cents"]?.intValue == grossByAccount.values.reduce(0, +))
        #expect(report.json["totals"]?["vat_cents"]?.intValue == 133 * 2)
        // Debtor accounts stay with their company: a second export books the same ones.
        let again = fixture.finance.send("GET", "/api/v1/finance/exports/datev?\(period)")
        #expect(again.body.count == response.body.count)
    }

    @Test func theZipHoldsTheCSVAndEveryInvoicesDocuments() throws {
        let fixture = try Fixture()
        try fixture.harness.runJobs()
        let response = fixture.finance.send(
            "GET", "/api/v1/finance/exports/datev?from=\(fixture.today)&to=\(fixture.today)&format=zip")
        #expect(response.status == .ok)
        #expect(response.headers.values(for: "Content-Type").first == "application/zip")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("datev-\(getpid()).zip")
        try Data(response.body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let listed = try InvoicePDFTests.run([
            "/usr/bin/python3", "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                + "print('\\n'.join(sorted(z.namelist())))", file.path,
        ])
        #expect(listed.status == 0, "\(listed.output)")
        let names = listed.output.split(separator: "\n").map(String.init)
        let numbers = try InvoiceStore(connection: fixture.harness.database.connect()).invoices(companyID: nil).map(
            \.number)
        #expect(names.count == 1 + 2 * numbers.count)
        for number in numbers {
            #expect(names.contains("xml/\(number).xml") && names.contains("pdf/\(number).pdf"))
        }
        #expect(names.contains { $0.hasPrefix("EXTF_Buchungsstapel_") && $0.hasSuffix(".csv") })
    }

    @Test(arguments: [
        ("", ["from", "to"]), ("from=2026-03-01", ["to"]), ("from=2026-02-30&to=2026-03-31", ["from"]),
        ("from=01.03.2026&to=2026-03-31", ["from"]), ("from=2026-03-31&to=2026-03-01", ["to"]),
        ("from=2025-12-01&to=2026-01-31", ["to"]), ("from=2026-03-01&to=2026-03-31&format=xlsx", ["format"]),
    ])
    func badPeriodsAre422NamingTheField(query: String, fields: [String]) throws {
        let fixture = try Fixture()
        let response = fixture.finance.send("GET", "/api/v1/finance/exports/datev?\(query)")
        #expect(response.status == .unprocessableContent)
        #expect(response.headers.values(for: "Content-Type").first == "application/problem+json")
        guard case .array(let errors)? = response.json["errors"] else {
            Issue.record("no errors[]: \(response.json)")
            return
        }
        #expect(errors.compactMap { $0["field"]?.stringValue } == fields)
        // Nothing was written: no debtor account handed out.
        let assigned = try fixture.harness.database.connect().query(
            "SELECT count(*)::bigint AS n FROM datev_debtor_accounts")
        #expect(try assigned[0].int("n") == 0)
    }

    @Test func customersCannotExport() throws {
        let fixture = try Fixture()
        let buyer = fixture.harness.buyer("nosy@example.com")
        let response = buyer.send("GET", "/api/v1/finance/exports/datev?from=2026-01-01&to=2026-01-31")
        #expect(response.status == .forbidden)
        #expect(buyer.send("GET", "/api/v1/finance/reports/vat?from=2026-01-01&to=2026-01-31").status == .forbidden)
    }
}
