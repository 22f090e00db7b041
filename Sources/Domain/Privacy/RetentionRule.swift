/// One row of the retention table: a data class, why it is kept and on what basis, for how long, and what
/// happens at the end. ``RetentionSchedule/rules`` is the one table; the prune job, the privacy page, the log
/// rotation and `docs/privacy/` all read it.
public struct RetentionRule: Sendable, Hashable {
    /// What is kept.
    public let dataClass: DataClass
    /// The data class's name for people (privacy page, records of processing).
    public let name: LocalizedText
    /// Why it is kept.
    public let purpose: LocalizedText
    /// The legal basis (Art. 6 (1) GDPR).
    public let basis: LegalBasis
    /// For how long.
    public let period: RetentionPeriod
    /// From when the period counts.
    public let start: RetentionStart
    /// What happens at the end of the period.
    public let end: RetentionEnd
    /// Who receives it besides us.
    public let recipients: [Recipient]
    /// Where it lives: PostgreSQL tables, or files (`nginx:` prefix).
    public let storage: [String]

    /// A rule.
    public init(
        _ dataClass: DataClass, name: LocalizedText, purpose: LocalizedText, basis: LegalBasis,
        period: RetentionPeriod, start: RetentionStart, end: RetentionEnd, recipients: [Recipient],
        storage: [String]
    ) {
        self.dataClass = dataClass
        self.name = name
        self.purpose = purpose
        self.basis = basis
        self.period = period
        self.start = start
        self.end = end
        self.recipients = recipients
        self.storage = storage
    }
}
