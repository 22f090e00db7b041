/// What a DATEV export needs to know about the books: the consultant and client numbers and the accounts
/// (SKR03 by default). Revenue accounts are general-ledger accounts of ``generalLedgerLength`` digits; debtor
/// accounts are one digit longer (10000-69999 with the default length 4).
public struct DATEVSettings: Sendable, Hashable {
    /// The tax consultant's number (Beraternummer), 1001...9999999.
    public var consultantNumber: Int
    /// The client's number (Mandantennummer), 1...99999.
    public var clientNumber: Int
    /// The chart of accounts, `03` (SKR03) or `04` (SKR04).
    public var chartOfAccounts: String
    /// The length of general-ledger accounts (Sachkontenlänge), 4...8.
    public var generalLedgerLength: Int
    /// The month the fiscal year starts in (1 = January).
    public var fiscalYearStartMonth: Int
    /// Revenue at 19 % German VAT (SKR03 8400, an automatic account: the VAT is split off by DATEV).
    public var revenueStandard: Int
    /// Revenue under the EU reverse charge (SKR03 8336: services taxable in another member state, §13b).
    public var revenueReverseCharge: Int
    /// Revenue not taxable in Germany (SKR03 8338: services taxable in a third country).
    public var revenueOutsideScope: Int
    /// The first debtor account handed out to companies (each company keeps its own for good).
    public var firstDebtorAccount: Int

    /// The defaults: SKR03, consultant 1001, client 1, 8400/8336/8338, debtors from 10000.
    public init(
        consultantNumber: Int = 1001, clientNumber: Int = 1, chartOfAccounts: String = "03",
        generalLedgerLength: Int = 4, fiscalYearStartMonth: Int = 1, revenueStandard: Int = 8400,
        revenueReverseCharge: Int = 8336, revenueOutsideScope: Int = 8338, firstDebtorAccount: Int = 10000
    ) {
        self.consultantNumber = consultantNumber
        self.clientNumber = clientNumber
        self.chartOfAccounts = chartOfAccounts
        self.generalLedgerLength = generalLedgerLength
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.revenueStandard = revenueStandard
        self.revenueReverseCharge = revenueReverseCharge
        self.revenueOutsideScope = revenueOutsideScope
        self.firstDebtorAccount = firstDebtorAccount
    }

    /// The revenue account for a VAT category.
    public func revenueAccount(for category: VATCategory) -> Int {
        switch category {
        case .standard: revenueStandard
        case .reverseCharge: revenueReverseCharge
        case .outsideScope: revenueOutsideScope
        }
    }

    /// What is wrong with these settings, one sentence per problem naming the setting; empty when valid.
    public var problems: [String] {
        var problems: [String] = []
        if !(1001...9_999_999).contains(consultantNumber) { problems.append("consultant number must be 1001-9999999") }
        if !(1...99_999).contains(clientNumber) { problems.append("client number must be 1-99999") }
        if chartOfAccounts != "03" && chartOfAccounts != "04" { problems.append("chart of accounts must be 03 or 04") }
        if !(4...8).contains(generalLedgerLength) { problems.append("general ledger length must be 4-8") }
        if !(1...12).contains(fiscalYearStartMonth) { problems.append("fiscal year start month must be 1-12") }
        var upper = 1
        for _ in 0..<generalLedgerLength { upper *= 10 }
        for (name, account) in [
            ("standard", revenueStandard), ("reverse charge", revenueReverseCharge),
            ("outside scope", revenueOutsideScope),
        ] where !(upper / 10..<upper).contains(account) {
            problems.append("the \(name) revenue account must have \(generalLedgerLength) digits")
        }
        if !(upper..<upper * 10).contains(firstDebtorAccount) {
            problems.append("the first debtor account must have \(generalLedgerLength + 1) digits")
        }
        return problems
    }
}
