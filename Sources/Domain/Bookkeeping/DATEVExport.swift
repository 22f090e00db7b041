import CivilTime

/// The DATEV "Buchungsstapel" CSV (EXTF format 700, category 21, format version 13): a 31-field header line,
/// the 125 column names, one line per booking; `;`-separated, text in double quotes, amounts with a decimal
/// comma and no sign (the sign is the Soll/Haben indicator), dates as `DDMM`, CRLF, Windows-1252.
public enum DATEVExport {
    /// The number of columns of a booking line (format version 13).
    public static let columnCount = 125

    /// The export of `bookings` (all dated within `from`...`to`, one fiscal year) as Windows-1252 bytes;
    /// `createdAt` is `YYYYMMDDHHMMSSFFF` (UTC), `exportedBy` a short name of who asked.
    public static func csv(
        bookings: [DATEVBooking], settings: DATEVSettings, from: CalendarDate, to: CalendarDate, createdAt: String,
        exportedBy: String
    ) -> [UInt8] {
        var lines = [header(settings: settings, from: from, to: to, createdAt: createdAt, exportedBy: exportedBy)]
        lines.append(columnNames.joined(separator: ";"))
        for booking in bookings { lines.append(line(booking)) }
        return Windows1252.encode(lines.joined(separator: "\r\n") + "\r\n")
    }

    /// The first day of the fiscal year that contains `date`.
    public static func fiscalYearStart(of date: CalendarDate, settings: DATEVSettings) -> CalendarDate {
        let year = date.month >= settings.fiscalYearStartMonth ? date.year : date.year - 1
        return CalendarDate(year: year, month: settings.fiscalYearStartMonth, day: 1) ?? date
    }

    /// The header line (31 fields).
    static func header(
        settings: DATEVSettings, from: CalendarDate, to: CalendarDate, createdAt: String, exportedBy: String
    ) -> String {
        let fields: [String] = [
            quote("EXTF"), "700", "21", quote("Buchungsstapel"), "13", createdAt, "", quote("CZ"),
            quote(String(exportedBy.prefix(25))), quote(""), "\(settings.consultantNumber)",
            "\(settings.clientNumber)", fiscalYearStart(of: from, settings: settings).compact,
            "\(settings.generalLedgerLength)", from.compact, to.compact,
            quote(String("Rechnungen \(from.german)-\(to.german)".prefix(30))), quote(""), "1", "0", "0",
            quote("EUR"), "", quote(""), "", "", quote(settings.chartOfAccounts), "", "", quote(""), quote(""),
        ]
        return fields.joined(separator: ";")
    }

    /// One booking line (125 fields).
    static func line(_ booking: DATEVBooking) -> String {
        var fields = [String](repeating: "", count: columnCount)
        fields[0] = String(
            Money(cents: abs(booking.grossCents), currency: .eur).decimalString.map { $0 == "." ? "," : $0 })
        fields[1] = quote(booking.grossCents < 0 ? "H" : "S")
        fields[2] = quote("EUR")
        fields[6] = "\(booking.debtorAccount)"
        fields[7] = "\(booking.revenueAccount)"
        fields[8] = quote("")
        fields[9] = CivilFormat.digits(Int64(booking.date.day), 2) + CivilFormat.digits(Int64(booking.date.month), 2)
        fields[10] = quote(String(booking.number.prefix(36)))
        fields[11] = quote("")
        fields[13] = quote(String(booking.text.prefix(60)))
        if let vatId = booking.buyerVatId { fields[39] = quote(vatId) }
        fields[114] =
            CivilFormat.digits(Int64(booking.serviceDate.day), 2)
            + CivilFormat.digits(Int64(booking.serviceDate.month), 2)
            + CivilFormat.digits(Int64(booking.serviceDate.year), 4)
        return fields.joined(separator: ";")
    }

    /// `text` in double quotes, inner quotes doubled, line breaks and `;`-free as DATEV wants it on one line.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\"\""
            case "\r", "\n", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// The 125 column names of format version 13, as DATEV writes them.
    public static let columnNames: [String] = {
        var names = [
            "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs", "Basis-Umsatz",
            "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)", "BU-Schlüssel", "Belegdatum",
            "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext", "Postensperre", "Diverse Adressnummer",
            "Geschäftspartnerbank", "Sachverhalt", "Zinssperre", "Beleglink",
        ]
        for index in 1...8 { names += ["Beleginfo \u{2013} Art \(index)", "Beleginfo \u{2013} Inhalt \(index)"] }
        names += [
            "KOST1 \u{2013} Kostenstelle", "KOST2 \u{2013} Kostenstelle", "Kost-Menge", "EU-Land u. UStID (Bestimmung)",
            "EU-Steuersatz (Bestimmung)", "Abw. Versteuerungsart", "Sachverhalt L+L", "Funktionsergänzung L+L",
            "BU 49 Hauptfunktionstyp", "BU 49 Hauptfunktionsnummer", "BU 49 Funktionsergänzung",
        ]
        for index in 1...20 {
            names += ["Zusatzinformation \u{2013} Art \(index)", "Zusatzinformation \u{2013} Inhalt \(index)"]
        }
        names += [
            "Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr", "Zugeordnete Fälligkeit",
            "Skontotyp", "Auftragsnummer", "Buchungstyp", "USt-Schlüssel (Anzahlungen)",
            "EU-Mitgliedstaat (Anzahlungen)",
            "Sachverhalt L+L (Anzahlungen)", "EU-Steuersatz (Anzahlungen)", "Erlöskonto (Anzahlungen)", "Herkunft-Kz",
            "Buchungs GUID", "KOST-Datum", "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername",
            "Beteiligtennummer", "Identifikationsnummer", "Zeichnernummer", "Postensperre bis",
            "Bezeichnung SoBil-Sachverhalt", "Kennzeichen SoBil-Buchung", "Festschreibung", "Leistungsdatum",
            "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)", "Steuersatz", "Land",
            "Abrechnungsreferenz", "BVV-Position", "EU-Mitgliedstaat u. UStID (Ursprung)", "EU-Steuersatz (Ursprung)",
            "Abw. Skontokonto",
        ]
        return names
    }()
}
