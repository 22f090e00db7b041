/// One closed subscription period as the billing run recorded it (`billing_period_closes`).
public struct PeriodClose: Sendable, Hashable {
    /// The subscription.
    public var subscriptionID: String
    /// Start of the closed period (seconds since 1970).
    public var periodStart: Int
    /// End of the closed period.
    public var periodEnd: Int
    /// The company.
    public var companyID: String
    /// The plan of the closed period.
    public var planID: String
    /// The period billed in advance, if one follows.
    public var nextPeriodStart: Int?
    /// Its end.
    public var nextPeriodEnd: Int?
    /// Base fees of the next period, net cents.
    public var baseFeeCents: Int
    /// Overage of the closed period after credits, net cents.
    public var usageCents: Int
    /// The currency code.
    public var currency: String
    /// Credits spent on the overage.
    public var creditsApplied: Int
    /// Credits that expired at this close.
    public var creditsExpired: Int
    /// The statement's lines as a JSON array.
    public var linesJSON: String
    /// The invoice that bills it, once issued.
    public var invoiceID: String?
    /// The run that closed it.
    public var runID: Int?

    /// A record.
    public init(
        subscriptionID: String, periodStart: Int, periodEnd: Int, companyID: String, planID: String,
        nextPeriodStart: Int?, nextPeriodEnd: Int?, baseFeeCents: Int, usageCents: Int, currency: String,
        creditsApplied: Int, creditsExpired: Int, linesJSON: String, invoiceID: String?, runID: Int?
    ) {
        self.subscriptionID = subscriptionID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.companyID = companyID
        self.planID = planID
        self.nextPeriodStart = nextPeriodStart
        self.nextPeriodEnd = nextPeriodEnd
        self.baseFeeCents = baseFeeCents
        self.usageCents = usageCents
        self.currency = currency
        self.creditsApplied = creditsApplied
        self.creditsExpired = creditsExpired
        self.linesJSON = linesJSON
        self.invoiceID = invoiceID
        self.runID = runID
    }
}
