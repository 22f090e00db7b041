/// The back-office dashboard's figures (issue 13, seed 004 §7.3), all in cents of one currency, read by
/// ``DashboardStore``.
public struct DashboardFigures: Sendable, Hashable {
    /// Net and VAT of the invoices (minus corrections) issued in a span.
    public struct Revenue: Sendable, Hashable {
        /// Net cents.
        public var net: Int64
        /// VAT cents.
        public var vat: Int64
    }

    /// One calendar month of the charts.
    public struct Month: Sendable, Hashable {
        /// `YYYY-MM`.
        public var month: String
        /// Revenue issued in the month.
        public var revenue: Revenue
        /// Net of subscription invoices (and their corrections) issued in the month: the month's MRR.
        public var recurringNet: Int64
    }

    /// A number of invoices and the cents still due on them.
    public struct Amount: Sendable, Hashable {
        /// How many.
        public var count: Int
        /// Gross cents still due.
        public var cents: Int64
    }

    /// One metric's usage this month.
    public struct Usage: Sendable, Hashable {
        /// The metric id.
        public var metric: String
        /// The quantity in thousandths.
        public var quantityMilli: Int64
        /// The number of usage events.
        public var events: Int64
    }

    /// Issued today (Europe/Berlin).
    public var today: Revenue
    /// Issued this calendar month.
    public var month: Revenue
    /// Issued this calendar year.
    public var year: Revenue
    /// The last 12 months, oldest first (months without invoices included, as zero).
    public var months: [Month]
    /// Open invoices: count and gross cents still due.
    public var openInvoices: Amount
    /// Open invoices past their due date.
    public var overdueInvoices: Amount
    /// Usage of the current month by metric.
    public var usage: [Usage]
    /// Companies with an active (or past-due) subscription.
    public var activeCompanies: Int
    /// Customer companies (the operator not counted).
    public var companies: Int

    /// The MRR: the current month's recurring net.
    public var mrr: Int64 { months.last?.recurringNet ?? 0 }

}
