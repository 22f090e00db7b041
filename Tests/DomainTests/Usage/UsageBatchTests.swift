import Testing

@testable import Domain

struct UsageBatchTests {
    static let now = RFC3339Timestamp.milliseconds("2026-12-06T12:00:00Z")!

    static func draft(
        id: String? = "e1", metric: String? = "assistant_minutes", quantity: String? = "5",
        at: String? = "2026-12-06T11:00:00Z"
    ) -> UsageEventDraft {
        UsageEventDraft(id: id, metric: metric, quantity: quantity, occurredAt: at)
    }

    static func validate(_ drafts: [UsageEventDraft], openFrom: UsageDay? = nil) -> UsageBatch.Outcome {
        UsageBatch.validate(drafts, metrics: ["assistant_minutes"], nowMilliseconds: now, openFrom: openFrom)
    }

    @Test func acceptsValidEvents() {
        guard case .valid(let events) = Self.validate([Self.draft(), Self.draft(id: "e2", quantity: "0.125")]) else {
            Issue.record("refused")
            return
        }
        #expect(events.map(\.quantity) == [UsageQuantity(units: 5), UsageQuantity(thousandths: 125)])
        #expect(events[0].day == UsageDay(year: 2026, month: 12, day: 6))
    }

    @Test(arguments: [
        (draft(id: nil), "id", "required"), (draft(id: ""), "id", "invalid"), (draft(id: "a b"), "id", "invalid"),
        (draft(id: String(repeating: "x", count: 129)), "id", "invalid"),
        (draft(metric: "minutes"), "metric", "unknown_metric"), (draft(metric: nil), "metric", "required"),
        (draft(quantity: "-1"), "quantity", "negative"), (draft(quantity: "1.2345"), "quantity", "too_many_decimals"),
        (draft(quantity: "five"), "quantity", "malformed"), (draft(quantity: nil), "quantity", "required"),
        (draft(at: "2026-12-06T12:05:01Z"), "occurred_at", "in_future"),
        (draft(at: "2026-12-06 11:00"), "occurred_at", "malformed"),
        (draft(at: "2026-02-30T11:00:00Z"), "occurred_at", "malformed"),
        (draft(at: "1999-12-31T23:59:59Z"), "occurred_at", "closed_period"),
    ])
    func refusesEachBrokenRule(draft: UsageEventDraft, field: String, code: String) {
        guard case .invalid(let rejections) = Self.validate([Self.draft(id: "ok"), draft]) else {
            Issue.record("accepted \(draft)")
            return
        }
        #expect(rejections.map(\.index) == [1])
        #expect(rejections.map(\.field) == [field])
        #expect(rejections.map(\.code) == [code])
    }

    @Test func fiveMinutesOfClockSkewAreFine() {
        guard case .valid(let events) = Self.validate([Self.draft(at: "2026-12-06T12:05:00Z")]) else {
            Issue.record("refused")
            return
        }
        #expect(events.count == 1)
    }

    @Test func refusesEventsOfClosedPeriods() {
        let openFrom = UsageDay(year: 2026, month: 12, day: 1)
        let result = Self.validate(
            [Self.draft(at: "2026-11-30T23:59:59Z"), Self.draft(id: "e2", at: "2026-12-01T00:00:00Z")],
            openFrom: openFrom)
        guard case .invalid(let rejections) = result else {
            Issue.record("accepted")
            return
        }
        #expect(rejections.map(\.index) == [0])
        #expect(rejections.map(\.code) == ["closed_period"])
    }
}

struct UsageCalendarTests {
    @Test(arguments: [
        ("2026-12-06T10:15:00Z", 1_796_552_100_000), ("2026-12-06T11:15:00.250+01:00", 1_796_552_100_250),
        ("1970-01-01T00:00:00Z", 0), ("2024-02-29T23:59:59.999-00:30", 1_709_252_999_999),
    ])
    func parsesRFC3339(text: String, milliseconds: Int) {
        #expect(RFC3339Timestamp.milliseconds(text) == milliseconds)
    }

    @Test(arguments: [
        "2026-12-06", "2026-12-06T10:15:00", "2026-13-01T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T10:15Z",
        "2026-12-06T10:15:00+0100", "2026-12-06T10:15:00.Z", "2025-02-29T00:00:00Z", "x026-12-06T10:15:00Z",
    ])
    func refusesOtherTimestamps(text: String) {
        #expect(RFC3339Timestamp.milliseconds(text) == nil)
    }

    @Test(arguments: [(1970, 1, 1), (2000, 2, 29), (2026, 12, 31), (1969, 12, 31), (2100, 3, 1), (2400, 2, 29)])
    func civilDatesRoundTrip(year: Int, month: Int, day: Int) {
        let usageDay = UsageDay(year: year, month: month, day: day)
        #expect(usageDay.civil == (year, month, day))
    }

    @Test func calendarMonthsAreThePeriodWithoutSubscription() {
        let period = UsagePeriod.calendarMonth(containing: UsageDay(year: 2026, month: 12, day: 6))
        #expect(period.start.description == "2026-12-01")
        #expect(period.end.description == "2027-01-01")
        #expect(UsageDay(secondsSinceEpoch: -1).description == "1969-12-31")
    }
}
