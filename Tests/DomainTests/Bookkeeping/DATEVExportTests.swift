import Testing

@testable import Domain

/// The CSV parses as an EXTF 700 Buchungsstapel: header fields, 125 columns, amounts and accounts as booked.
@Suite struct DATEVExportTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static let bookings = [
        DATEVBooking(
            grossCents: 832, debtorAccount: 10000, revenueAccount: 8400, date: day("2026-03-02"),
            number: "CZ-2026-000001", text: "Rechnung CZ-2026-000001 Müller \"Bau\" GmbH", buyerVatId: nil,
            serviceDate: day("2026-03-02")),
        DATEVBooking(
            grossCents: 49_000, debtorAccount: 10001, revenueAccount: 8336, date: day("2026-03-05"),
            number: "CZ-2026-000002", text: "Rechnung CZ-2026-000002 Kunde GmbH Wien", buyerVatId: "ATU13585627",
            serviceDate: day("2026-02-28")),
        DATEVBooking(
            grossCents: -238, debtorAccount: 10000, revenueAccount: 8400, date: day("2026-03-31"),
            number: "CZ-K-2026-000001", text: "Rechnungskorrektur CZ-K-2026-000001 zu CZ-2026-000001",
            buyerVatId: nil, serviceDate: day("2026-03-02")),
    ]

    /// Decodes Windows-1252 (as far as the test needs: Latin-1 plus the en dash) and splits `;` outside quotes.
    static func parse(_ bytes: [UInt8]) -> [[String]] {
        var text = ""
        for byte in bytes { text.unicodeScalars.append(byte == 0x96 ? "\u{2013}" : Unicode.Scalar(byte)) }
        var rows: [[String]] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            var fields: [String] = []
            var field = ""
            var quoted = false
            let characters = Array(line)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if quoted {
                    if character == "\"" {
                        if index + 1 < characters.count && characters[index + 1] == "\"" {
                            field.append("\"")
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        field.append(character)
                    }
                } else if character == "\"" {
                    quoted = true
                } else if character == ";" {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
                index += 1
            }
            fields.append(field)
            rows.append(fields)
        }
        return rows
    }

    @Test func headerAndColumnsAreThoseOfFormat700() {
        let bytes = DATEVExport.csv(
            bookings: Self.bookings, settings: DATEVSettings(), from: Self.day("2026-03-01"),
            to: Self.day("2026-03-31"),
            createdAt: "20260401101500000", exportedBy: "finance@codezero.example")
        let rows = Self.parse(bytes)
        #expect(rows.count == 2 + Self.bookings.count)
        let header = rows[0]
        #expect(header.count == 31)
        #expect(Array(header[0..<5]) == ["EXTF", "700", "21", "Buchungsstapel", "13"])
        #expect(header[5] == "20260401101500000")
        #expect(header[10] == "1001" && header[11] == "1")
        #expect(header[12] == "20260101" && header[13] == "4")
        #expect(header[14] == "20260301" && header[15] == "20260331")
        #expect(header[21] == "EUR" && header[26] == "03")
        #expect(rows[1].count == 125 && rows[1][0] == "Umsatz (ohne Soll/Haben-Kz)")
        #expect(rows[1][36] == "KOST1 \u{2013} Kostenstelle")
        for row in rows.dropFirst(2) { #expect(row.count == 125) }
    }

    @Test func bookingsCarryAmountsAccountsAndReferences() {
        let rows = Self.parse(
            DATEVExport.csv(
                bookings: Self.bookings, settings: DATEVSettings(), from: Self.day("2026-03-01"),
                to: Self.day("2026-03-31"), createdAt: "20260401101500000", exportedBy: "x"))
        let first = rows[2]
        #expect(Array(first[0..<3]) == ["8,32", "S", "EUR"])
        #expect(first[6] == "10000" && first[7] == "8400" && first[8] == "")
        #expect(first[9] == "0203" && first[10] == "CZ-2026-000001")
        #expect(first[13] == "Rechnung CZ-2026-000001 Müller \"Bau\" GmbH")
        #expect(first[114] == "02032026")
        let reverseCharge = rows[3]
        #expect(reverseCharge[0] == "490,00" && reverseCharge[7] == "8336" && reverseCharge[39] == "ATU13585627")
        let correction = rows[4]
        #expect(correction[0] == "2,38" && correction[1] == "H" && correction[9] == "3103")
    }

    @Test func textIsWindows1252() {
        #expect(
            Windows1252.encode("Müller € – ß 日") == [
                0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x80, 0x20, 0x96, 0x20, 0xDF, 0x20, 0x3F,
            ])
    }

    @Test func settingsAreChecked() {
        #expect(DATEVSettings().problems.isEmpty)
        #expect(DATEVSettings(consultantNumber: 12).problems == ["consultant number must be 1001-9999999"])
        #expect(DATEVSettings(revenueStandard: 84000).problems == ["the standard revenue account must have 4 digits"])
        #expect(DATEVSettings(firstDebtorAccount: 9999).problems.count == 1)
        #expect(DATEVSettings(fiscalYearStartMonth: 7).problems.isEmpty)
        #expect(
            DATEVExport.fiscalYearStart(of: Self.day("2026-03-31"), settings: DATEVSettings(fiscalYearStartMonth: 7))
                == Self.day("2025-07-01"))
    }
}
