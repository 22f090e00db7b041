import Domain
import Settings

/// A setting a production deployment cannot run without; ``Configuration/load(environment:workingDirectory:)``
/// refuses a `CODEZERO_ENV=production` configuration that misses one, naming its key (exit 78).
///
/// A feature that needs one appends it to ``Configuration/productionRequirements``, the one list.
public struct ProductionRequirement: Sendable {
    /// The environment variable that must be set, e.g. `STRIPE_SECRET_KEY`.
    public let key: String
    /// Why it is needed, safe to print.
    public let reason: String
    /// Whether `configuration` meets the requirement.
    public let isMet: @Sendable (Configuration) -> Bool

    /// A requirement on `key`.
    public init(key: String, reason: String, isMet: @escaping @Sendable (Configuration) -> Bool) {
        self.key = key
        self.reason = reason
        self.isMet = isMet
    }
}

extension Configuration {
    /// Every setting production refuses to start without. Append new ones here (one line each).
    public static let productionRequirements: [ProductionRequirement] = [
        ProductionRequirement(
            key: "STRIPE_SECRET_KEY",
            reason: "is required in production (without it payments would be simulated); "
                + "set CODEZERO_ENV=development for mock payments"
        ) { !$0.isStripeMockMode },
        ProductionRequirement(
            key: "CODEZERO_SMTP_URL",
            reason: "is required in production (without it mails would only be written to $CODEZERO_VAR/mail); "
                + "set CODEZERO_ENV=development for the .eml folder"
        ) { $0.mail.smtp != nil },
        ProductionRequirement(
            key: "CODEZERO_SELLER_NAME",
            reason: "the seller (CODEZERO_SELLER_*) is required in production; invoices would show example data"
        ) { !$0.seller.isExample },
    ]

    /// The problems of the production requirements this configuration misses (none outside production).
    func productionProblems() -> [ConfigurationError.Problem] {
        guard environment == .production else { return [] }
        return Self.productionRequirements.filter { !$0.isMet(self) }.map {
            ConfigurationError.Problem(key: $0.key, message: $0.reason)
        }
    }
}
