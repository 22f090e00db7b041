public import Domain

/// An issued invoice or correction as stored (`invoices`, migration 0020), with its party snapshots.
public struct InvoiceRecord: Sendable, Hashable {
    /// Invoice or correction.
    public enum Kind: String, Sendable, Hashable {
        /// An invoice (series `CZ`).
        case invoice
        /// A Rechnungskorrektur (series `CZ-K`).
        case correction
    }

    /// The payment state.
    public enum Status: String, Sendable, Hashable {
        /// Issued, not paid yet.
        case open = "OPEN"
        /// Paid in full.
        case paid = "PAID"
        /// A correction whose amount went back to the buyer.
        case refunded = "REFUNDED"
        /// Nothing more is owed and nothing was paid back: a correction that reduced the amount due of its unpaid
        /// original (migration 0116), or an invoice whose such corrections reduced the amount due to 0.
        case settled = "SETTLED"
    }

    /// The buyer as snapshotted at issue.
    public struct Buyer: Sendable, Hashable {
        /// The legal name.
        public let legalName: String
        /// Street and number.
        public let street: String?
        /// A second address line.
        public let extra: String?
        /// The postal code.
        public let postalCode: String?
        /// The city.
        public let city: String?
        /// The country code.
        public let country: String
        /// The VAT ID, if any.
        public let vatID: String?
        /// The e-mail address for invoices (the company owner's).
        public let email: String?
        /// The buyer reference (XRechnung BT-10).
        public let reference: String
    }

    /// Its id (uuid).
    public let id: String
    /// `CZ-2026-000001` or `CZ-K-2026-000001`.
    public let number: String
    /// Invoice or correction.
    public let kind: Kind
    /// For a correction: the id of the corrected invoice.
    public let corrects: String?
    /// For a correction: the corrected invoice's number.
    public let correctsNumber: String?
    /// For a correction: the corrected invoice's issue date (`YYYY-MM-DD`).
    public let correctsIssueDate: String?
    /// The buying company.
    public let companyID: String
    /// The payment state.
    public let status: Status
    /// The issue date, `YYYY-MM-DD` (German calendar day).
    public let issueDate: String
    /// The first day of service, `YYYY-MM-DD`.
    public let serviceStart: String
    /// The last day of service, `YYYY-MM-DD`.
    public let serviceEnd: String
    /// The ISO currency.
    public let currency: String
    /// Net in cents (negative on a correction).
    public let netCents: Int
    /// VAT in cents.
    public let vatCents: Int
    /// Net + VAT.
    public let grossCents: Int
    /// The VAT rate in basis points.
    public let vatRateBasisPoints: Int
    /// `S`, `AE` or `O`.
    public let vatCategory: VATCategory
    /// The reverse-charge / not-taxable note, if any.
    public let legalNote: LocalizedText?
    /// The purchase billed.
    public let purchaseID: String?
    /// The order billed.
    public let orderID: String?
    /// The subscription whose period is billed.
    public let subscriptionID: String?
    /// The Stripe refund a correction records.
    public let refundID: String?
    /// Why a correction was made.
    public let reason: String?
    /// The seller as it was configured at issue.
    public let seller: SellerProfile
    /// The buyer as it was at issue.
    public let buyer: Buyer
    /// The document language.
    public let language: Language
    /// Paid (or, on a correction, refunded: negative) in cents.
    public let paidCents: Int
    /// What the buyer still owes: for an OPEN invoice its gross minus what its SETTLED corrections took off (they
    /// reduce the amount due, migration 0116); 0 for anything else. Every figure of open money shows this.
    public let openCents: Int
    /// When it was paid (RFC 3339, UTC).
    public let paidAt: String?
    /// The day it was paid in Germany, `YYYY-MM-DD`.
    public let paidDate: String?
    /// `stripe` or `mock`.
    public let paymentMethod: String?
    /// The PaymentIntent or refund id.
    public let paymentReference: String?
    /// When payment is due, `YYYY-MM-DD`.
    public let dueDate: String
    /// Kept at least until this day (end of the issue year + 8 years).
    public let retainUntil: String
}
