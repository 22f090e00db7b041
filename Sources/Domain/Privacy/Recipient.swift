/// Who receives a data class besides the company itself (Art. 13 (1)(e), Art. 30 (1)(d) GDPR).
public enum Recipient: String, Sendable, CaseIterable, Hashable {
    /// The hosting provider (data centre in Germany), processor under Art. 28.
    case hosting
    /// The SMTP relay that delivers the site's mail, processor under Art. 28.
    case mailRelay = "mail_relay"
    /// Stripe Payments Europe Ltd. (Dublin), which may transfer to Stripe, Inc. (USA; EU-US Data Privacy
    /// Framework, standard contractual clauses as fallback).
    case stripe
    /// Tax authorities and auditors, when the law requires it.
    case taxAuthorities = "tax_authorities"

    /// Whether data may leave the EU/EEA through this recipient.
    public var transfersOutsideEU: Bool { self == .stripe }
}
