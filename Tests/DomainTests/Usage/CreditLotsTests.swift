import Testing

@testable import Domain

struct CreditLotsTests {
    static func at(_ year: Int, _ month: Int, _ day: Int) -> Int {
        UsageDay(year: year, month: month, day: day).startSeconds
    }

    @Test func creditsExpireTwentyFourMonthsAfterTheirGrant() {
        let entries = [CreditLots.Entry(delta: 10, at: Self.at(2024, 1, 15))]
        #expect(CreditLots.expired(entries, now: Self.at(2026, 1, 14)) == 0)
        #expect(CreditLots.expired(entries, now: Self.at(2026, 1, 15)) == 10)
    }

    @Test func debitsTakeTheOldestCreditsFirst() {
        let entries = [
            CreditLots.Entry(delta: 5, at: Self.at(2024, 1, 1)),  // expires 2026-01-01
            CreditLots.Entry(delta: 10, at: Self.at(2025, 6, 1)),  // expires 2027-06-01
            CreditLots.Entry(delta: -7, at: Self.at(2025, 7, 1)),  // takes 5 of the first lot, 2 of the second
        ]
        #expect(CreditLots.expired(entries, now: Self.at(2026, 2, 1)) == 0)
        #expect(CreditLots.expired(entries, now: Self.at(2027, 6, 1)) == 8)
        // After the expiry entry nothing is left to expire: running it twice takes nothing twice.
        let booked = entries + [CreditLots.Entry(delta: -8, at: Self.at(2027, 6, 1))]
        #expect(CreditLots.expired(booked, now: Self.at(2027, 7, 1)) == 0)
    }

    @Test func partlyUsedLotsExpireWithTheirRemainder() {
        let entries = [
            CreditLots.Entry(delta: 10, at: Self.at(2024, 3, 1)), CreditLots.Entry(delta: -3, at: Self.at(2024, 4, 1)),
            CreditLots.Entry(delta: 4, at: Self.at(2025, 3, 1)),
        ]
        #expect(CreditLots.expired(entries, now: Self.at(2026, 3, 1)) == 7)
    }

    @Test(arguments: [
        ((2024, 1, 31), (2026, 1, 31)), ((2024, 2, 29), (2026, 2, 28)), ((2023, 12, 5), (2025, 12, 5)),
    ])
    func expiryIsTheSameDayTwoYearsLater(granted: (Int, Int, Int), expires: (Int, Int, Int)) {
        let grantedAt = Self.at(granted.0, granted.1, granted.2) + 3_600
        #expect(CreditLots.expiry(ofGrantAt: grantedAt) == Self.at(expires.0, expires.1, expires.2) + 3_600)
    }
}
