public import Domain

/// A plan (`plans`): a monthly package or add-on of the catalog with its price versions, oldest first.
public struct PlanRecord: Sendable, Hashable {
    /// The plan id (the catalog item's id).
    public let id: String
    /// `package` or `addon`.
    public let kind: String
    /// The catalog name.
    public let name: LocalizedText
    /// Whether the catalog item is offered now.
    public let isActive: Bool
    /// Every price version, oldest first.
    public let versions: [PlanPrice]
}
