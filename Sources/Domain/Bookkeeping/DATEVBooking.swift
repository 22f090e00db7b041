/// One line of a DATEV Buchungsstapel: an invoice (debit the debtor, credit revenue) or a correction (the
/// reverse), for its gross amount; the revenue account's automatic VAT splits the tax off.
public struct DATEVBooking: Sendable, Hashable {
    /// The gross amount in cents: positive for an invoice, negative for a correction.
    public let grossCents: Int
    /// The buyer's debtor account (Konto).
    public let debtorAccount: Int
    /// The revenue account (Gegenkonto) for the invoice's VAT category.
    public let revenueAccount: Int
    /// The invoice's issue date (Belegdatum).
    public let date: CalendarDate
    /// The invoice number (Belegfeld 1), at most 36 characters.
    public let number: String
    /// The posting text (Buchungstext), cut to 60 characters.
    public let text: String
    /// For the EU reverse charge: the buyer's VAT ID (EU-Land u. UStID, for the recapitulative statement).
    public let buyerVatId: String?
    /// The last day of service (Leistungsdatum).
    public let serviceDate: CalendarDate

    /// A booking.
    public init(
        grossCents: Int, debtorAccount: Int, revenueAccount: Int, date: CalendarDate, number: String, text: String,
        buyerVatId: String?, serviceDate: CalendarDate
    ) {
        self.grossCents = grossCents
        self.debtorAccount = debtorAccount
        self.revenueAccount = revenueAccount
        self.date = date
        self.number = number
        self.text = text
        self.buyerVatId = buyerVatId
        self.serviceDate = serviceDate
    }
}
