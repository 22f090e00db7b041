/// A class of actions a route needs permission for; ``Authorization`` decides who has it.
public enum Capability: String, Sendable, Hashable, CaseIterable {
    /// Reading and changing the caller's own company data (orders, purchases, credits, own tokens);
    /// every signed-in person has it, always scoped by the caller's company.
    case ownCompany
    /// The finance API under `/api/v1/finance/`: `finance` or `admin`.
    case finance
    /// The admin API under `/api/v1/admin/`: `admin` only.
    case admin
}
