public import Domain
public import Foundation

/// The portal's referrals page: the company's code and links, the companies it referred (named only once they have
/// paid), and the credits referrals brought it.
public struct PortalReferrals: Sendable {
    /// One referred company.
    public struct Referred: Sendable {
        /// Its name, once it has paid; nil before.
        public var companyName: String?
        /// When it registered.
        public var registeredAt: Date
        /// `registered`, `rewarded`, `reversed` or `ineligible` (labels `referral_status_<status>`).
        public var status: String

        /// A row.
        public init(companyName: String?, registeredAt: Date, status: String) {
            self.companyName = companyName
            self.registeredAt = registeredAt
            self.status = status
        }
    }

    /// One ledger entry.
    public struct Reward: Sendable {
        /// Credits (negative for a reversal).
        public var credits: Int
        /// Why: `referrer`, `referred` or `reversal` (labels `referral_reward_<kind>`).
        public var kind: String
        /// The invoice or correction number behind it.
        public var invoiceNumber: String?
        /// When.
        public var at: Date

        /// An entry.
        public init(credits: Int, kind: String, invoiceNumber: String?, at: Date) {
            self.credits = credits
            self.kind = kind
            self.invoiceNumber = invoiceNumber
            self.at = at
        }
    }

    /// The company's code.
    public var code: String
    /// The registration link carrying the code, per language (absolute).
    public var links: [Language: String]
    /// Referred companies, oldest first.
    public var referred: [Referred]
    /// Rewards, oldest first.
    public var rewards: [Reward]
    /// Credits the referrer gets per reward now, and the referred company.
    public var referrerCredits: Int
    /// Credits the referred company gets.
    public var referredCredits: Int

    /// The page's data.
    public init(
        code: String, links: [Language: String], referred: [Referred], rewards: [Reward], referrerCredits: Int,
        referredCredits: Int
    ) {
        self.code = code
        self.links = links
        self.referred = referred
        self.rewards = rewards
        self.referrerCredits = referrerCredits
        self.referredCredits = referredCredits
    }

    /// The template's values in `language`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let earned = rewards.reduce(0) { $0 + $1.credits }
        return [
            "code": .text(code),
            "link_de": .text(links[.de] ?? ""), "link_en": .text(links[.en] ?? ""),
            "explain": .text(
                (strings["referrals_explain"] ?? "")
                    .replacingEvery("{referrer}", with: String(referrerCredits))
                    .replacingEvery("{referred}", with: String(referredCredits))),
            "has_referred": .flag(!referred.isEmpty),
            "referred": .list(
                referred.map { row in
                    [
                        "name": .text(row.companyName ?? (strings["referral_unnamed"] ?? "")),
                        "date": .text(DateText.text(row.registeredAt, in: language)),
                        "date_iso": .text(DateText.iso(row.registeredAt)),
                        "status": .text(strings["referral_status_" + row.status] ?? row.status),
                    ]
                }),
            "has_rewards": .flag(!rewards.isEmpty),
            "rewards": .list(
                rewards.map { row in
                    [
                        "credits": .text(row.credits > 0 ? "+\(row.credits)" : "\(row.credits)"),
                        "kind": .text(strings["referral_reward_" + row.kind] ?? row.kind),
                        "invoice": .text(row.invoiceNumber ?? "–"),
                        "date": .text(DateText.text(row.at, in: language)), "date_iso": .text(DateText.iso(row.at)),
                    ]
                }),
            "earned": .number(earned),
        ]
    }
}
