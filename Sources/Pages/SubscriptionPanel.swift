public import Domain
public import Foundation

/// One subscription as the portal's subscriptions page shows it: plan, state, current period, usage against the
/// included units with a daily chart, the next invoice's preview and the invoices issued for it.
public struct SubscriptionPanel: Sendable, Hashable {
    /// One metered metric in the current period.
    public struct Usage: Sendable, Hashable {
        /// The metric's name.
        public var name: LocalizedText
        /// The unit, e.g. minutes.
        public var unit: LocalizedText
        /// Used so far.
        public var used: UsageQuantity
        /// Included in the plan.
        public var included: UsageQuantity
        /// Beyond the included units.
        public var overage: UsageQuantity
        /// The overage priced (net, before credits).
        public var overageAmount: Money
        /// Usage per day of the period so far (days without usage are zero), oldest first.
        public var daily: [(day: Date, quantity: UsageQuantity)]

        /// A metric line.
        public init(
            name: LocalizedText, unit: LocalizedText, used: UsageQuantity, included: UsageQuantity,
            overage: UsageQuantity, overageAmount: Money, daily: [(day: Date, quantity: UsageQuantity)]
        ) {
            self.name = name
            self.unit = unit
            self.used = used
            self.included = included
            self.overage = overage
            self.overageAmount = overageAmount
            self.daily = daily
        }

        public static func == (lhs: Usage, rhs: Usage) -> Bool {
            lhs.name == rhs.name && lhs.used == rhs.used && lhs.included == rhs.included
                && lhs.daily.map(\.day) == rhs.daily.map(\.day)
                && lhs.daily.map(\.quantity) == rhs.daily.map(\.quantity)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(used)
        }
    }

    /// One invoice of the subscription.
    public struct Invoice: Sendable, Hashable {
        /// The invoice number, e.g. `CZ-2026-000001`.
        public var number: String
        /// The issue date.
        public var issued: Date
        /// `open`, `paid`, … (labels `status_<status>`).
        public var status: String
        /// The gross amount.
        public var gross: Money
        /// What is still owed on an OPEN invoice (its gross less the corrections that reduced it); nil otherwise.
        public var open: Money?

        /// An invoice row.
        public init(number: String, issued: Date, status: String, gross: Money, open: Money? = nil) {
            self.number = number
            self.issued = issued
            self.status = status
            self.gross = gross
            self.open = open
        }
    }

    /// The subscription id.
    public var id: String
    /// The plan's name.
    public var plan: LocalizedText
    /// The plan from the next period on, when a change is pending.
    public var pendingPlan: LocalizedText?
    /// `active`, `past_due`, `suspended`, `canceled`, `incomplete` (labels `subscription_status_<status>`).
    public var status: String
    /// The current period `[start, end)`, once started.
    public var period: (start: Date, end: Date)?
    /// Whether it ends at the end of the current period.
    public var cancelAtPeriodEnd: Bool
    /// Metered usage in the current period.
    public var usage: [Usage]
    /// The next invoice's preview (net): the next period's base fee and the usage beyond the included units so far.
    public var nextInvoice: (baseFee: Money, usage: Money)?
    /// The invoices issued for it, newest first.
    public var invoices: [Invoice]
    /// What is owed while the subscription is PAST_DUE or SUSPENDED (every open invoice's open amount); the page
    /// then offers a new payment method, which charges all of it at once.
    public var owed: Money?
    /// When the dunning tries again on its own, if it does.
    public var nextRetry: Date?

    /// A panel.
    public init(
        id: String, plan: LocalizedText, pendingPlan: LocalizedText? = nil, status: String,
        period: (start: Date, end: Date)?, cancelAtPeriodEnd: Bool, usage: [Usage] = [],
        nextInvoice: (baseFee: Money, usage: Money)? = nil, invoices: [Invoice] = [], owed: Money? = nil,
        nextRetry: Date? = nil
    ) {
        self.id = id
        self.plan = plan
        self.pendingPlan = pendingPlan
        self.status = status
        self.period = period
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.usage = usage
        self.nextInvoice = nextInvoice
        self.invoices = invoices
        self.owed = owed
        self.nextRetry = nextRetry
    }

    public static func == (lhs: SubscriptionPanel, rhs: SubscriptionPanel) -> Bool {
        lhs.id == rhs.id && lhs.status == rhs.status && lhs.usage == rhs.usage && lhs.invoices == rhs.invoices
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
