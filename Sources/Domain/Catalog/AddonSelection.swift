/// One add-on chosen in a configuration: its id and how many units.
public struct AddonSelection: Sendable, Hashable {
    /// The add-on's id.
    public let id: String
    /// The number of units, valid in `1...maxQuantity` of the add-on.
    public let quantity: Int

    /// `quantity` units of the add-on `id`.
    public init(id: String, quantity: Int = 1) {
        self.id = id
        self.quantity = quantity
    }
}
