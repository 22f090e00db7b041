import Domain
import Testing

@Suite struct RetentionScheduleTests {
    @Test func everyDataClassHasExactlyOneRule() {
        for dataClass in DataClass.allCases {
            #expect(RetentionSchedule.rules.filter { $0.dataClass == dataClass }.count == 1, "\(dataClass)")
        }
        #expect(RetentionSchedule.rules.count == DataClass.allCases.count)
    }

    @Test func everyRuleSaysWhatWhyOnWhichBasisAndWhere() {
        for rule in RetentionSchedule.rules {
            #expect(!rule.name.de.isEmpty && !rule.name.en.isEmpty && rule.name.de != rule.name.en)
            #expect(!rule.purpose.de.isEmpty && !rule.purpose.en.isEmpty && rule.purpose.de != rule.purpose.en)
            #expect(!rule.storage.isEmpty && !rule.recipients.isEmpty)
            if case .legalObligation = rule.basis { #expect(!rule.basis.statutes.isEmpty) }
            // Only the account waits for an erasure; everything else ends by time.
            #expect((rule.period == .untilErasure) == (rule.dataClass == .account))
        }
    }

    /// Invoices: 8 years from the end of the issue year (§ 147 (3) AO, § 14b UStG after BEG IV).
    @Test func invoicesAreKeptEightYearsFromTheEndOfTheIssueYear() {
        let rule = RetentionSchedule.rule(for: .invoices)
        #expect(rule.period == .years(8) && rule.start == .endOfYear && rule.end == .deleted)
        #expect(rule.basis.statutes.map(\.de) == ["§ 147 AO", "§ 14b UStG", "§ 257 HGB"])
    }

    @Test(arguments: [
        // (period, now, cutoff) in seconds since 1970, UTC.
        (RetentionPeriod.days(14), Int64(1_765_792_800), Int64(1_765_792_800 - 14 * 86_400)),
        (.days(0), 1_765_792_800, 1_765_792_800),
        // 2026-12-15T10:00:00Z - 2 years = 2024-12-15T10:00:00Z
        (.years(2), 1_797_328_800, 1_734_256_800),
        // 2028-02-29T12:00:00Z - 1 year = 2027-02-28T12:00:00Z (no 29 February in 2027)
        (.years(1), 1_835_438_400, 1_803_816_000),
        // 2024-02-29T00:00:00Z - 4 years = 2020-02-29T00:00:00Z
        (.years(4), 1_709_164_800, 1_582_934_400),
        // before 1970: 1970-01-01T00:00:01Z - 1 year = 1969-01-01T00:00:01Z
        (.years(1), 1, -31_535_999),
    ])
    func cutoffsSubtractThePeriodInUTC(period: RetentionPeriod, now: Int64, cutoff: Int64) {
        #expect(period.cutoff(now: now) == cutoff)
    }

    @Test func anAccountHasNoCutoff() {
        #expect(RetentionPeriod.untilErasure.cutoff(now: 1_765_792_800) == nil)
    }
}
