public import Domain

/// What is needed to create a PENDING purchase: who buys what, and the price as decided by the server.
public struct NewPurchase: Sendable, Hashable {
    /// The buying company.
    public var companyID: CompanyID
    /// The user who starts it.
    public var userID: UserID?
    /// Who collects the payment.
    public var provider: PaymentProvider
    /// What is bought.
    public var kind: PurchaseRecord.Kind
    /// The credit product, for packs.
    public var productID: String?
    /// The order, for orders.
    public var orderID: String?
    /// Credits granted when paid.
    public var credits: Int
    /// Net amount.
    public var net: Money
    /// The VAT decision that applies.
    public var vat: VATDecision

    /// Describes a purchase.
    public init(
        companyID: CompanyID, userID: UserID?, provider: PaymentProvider, kind: PurchaseRecord.Kind, productID: String?,
        orderID: String?, credits: Int, net: Money, vat: VATDecision
    ) {
        self.companyID = companyID
        self.userID = userID
        self.provider = provider
        self.kind = kind
        self.productID = productID
        self.orderID = orderID
        self.credits = credits
        self.net = net
        self.vat = vat
    }
}
