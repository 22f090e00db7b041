/// Where a `codezero` process runs (`CODEZERO_ENV`, DESIGN §2).
public enum DeploymentEnvironment: String, Sendable, CaseIterable {
    /// A real deployment (the default): refuses to start without the settings it needs, see
    /// ``Configuration/productionRequirements``.
    case production
    /// `make run`, `scripts/stack.sh` and the tests: mock payments (no `STRIPE_SECRET_KEY`) are allowed.
    case development
}
