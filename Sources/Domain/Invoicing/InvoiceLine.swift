/// One line of an invoice: what was sold, how much of it and at what net price.
public struct InvoiceLine: Sendable, Hashable {
    /// The line's id within the invoice (BT-126), e.g. `1`.
    public let id: String
    /// What was sold, in the document's language, e.g. `Basispaket Professional (01.02.–28.02.2026)`.
    public let description: String
    /// The quantity (BT-129); negative on a correction that takes something back.
    public let quantity: ExactDecimal
    /// The UN/ECE Recommendation 20 unit code (BT-130): `C62` (one, a piece), `MON` (month), `HUR` (hour).
    public let unitCode: String
    /// The net price of one unit (BT-146), exact to 1/100 cent, never negative (BR-27).
    public let unitNetPrice: ExactDecimal
    /// The line's net amount in cents (BT-131): quantity × unit price, see ``ExactDecimal/lineNetCents(quantity:unitPrice:)``.
    public let netCents: Int

    /// A line whose net is given (as stored).
    public init(
        id: String, description: String, quantity: ExactDecimal, unitCode: String, unitNetPrice: ExactDecimal,
        netCents: Int
    ) {
        self.id = id
        self.description = description
        self.quantity = quantity
        self.unitCode = unitCode
        self.unitNetPrice = unitNetPrice
        self.netCents = netCents
    }

    /// A line whose net is computed from quantity and unit price.
    public init(id: String, description: String, quantity: ExactDecimal, unitCode: String, unitNetPrice: ExactDecimal) {
        self.init(
            id: id, description: description, quantity: quantity, unitCode: unitCode, unitNetPrice: unitNetPrice,
            netCents: ExactDecimal.lineNetCents(quantity: quantity, unitPrice: unitNetPrice))
    }
}
