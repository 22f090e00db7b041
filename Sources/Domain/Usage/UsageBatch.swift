/// The rules for a batch of usage events (`POST /api/v1/usage`). All-or-nothing: a batch with any rejected event
/// stores nothing, and every rejection is reported at once with the event's index.
public enum UsageBatch {
    /// The most events one batch may carry.
    public static let maximumEvents = 1_000
    /// The longest event id, in bytes.
    public static let maximumIDLength = 128
    /// How far in the future an event may lie (clock skew), in milliseconds: 5 minutes.
    public static let futureToleranceMilliseconds = 300_000
    /// The earliest accepted day (events before it are refused as in a closed period).
    public static let earliestDay = UsageDay(year: 2000, month: 1, day: 1)

    /// A batch's verdict.
    public enum Outcome: Sendable, Hashable {
        /// Every event is valid.
        case valid([UsageEvent])
        /// At least one event is not; every rejection, in event order.
        case invalid([UsageEventRejection])
    }

    /// Validates `drafts` against the `metrics` that exist, the clock `nowMilliseconds` and the first day that is
    /// still open for the company (`openFrom`; days before it belong to closed, billed periods). With `metrics`
    /// nil the metric names are not checked here (the store's `ingest_usage` checks them, and the closed period,
    /// in the statement that stores the batch).
    public static func validate(
        _ drafts: [UsageEventDraft], metrics: Set<String>?, nowMilliseconds: Int, openFrom: UsageDay?
    ) -> Outcome {
        var events: [UsageEvent] = []
        var rejections: [UsageEventRejection] = []
        events.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            func reject(_ field: String, _ code: String, _ detail: String) {
                rejections.append(UsageEventRejection(index: index, field: field, code: code, detail: detail))
            }
            let id = draft.id ?? ""
            if draft.id == nil {
                reject("id", "required", "is required and must be a string")
            } else if id.isEmpty || id.utf8.count > maximumIDLength
                || !id.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
            {
                reject("id", "invalid", "must be 1 to \(maximumIDLength) visible ASCII characters")
            }
            let metric = draft.metric ?? ""
            if draft.metric == nil {
                reject("metric", "required", "is required and must be a string")
            } else if let metrics, !metrics.contains(metric) {
                rejections.append(.unknownMetric(at: index))
            }
            var quantity = UsageQuantity.zero
            if let text = draft.quantity {
                switch UsageQuantity.parse(text) {
                case .success(let parsed): quantity = parsed
                case .failure(let rejection): reject("quantity", rejection.rawValue, rejection.detail)
                }
            } else {
                reject("quantity", "required", "is required and must be a decimal string")
            }
            var occurredAt = 0
            if let text = draft.occurredAt {
                if let milliseconds = RFC3339Timestamp.milliseconds(text) {
                    occurredAt = milliseconds
                    let day = UsageDay(secondsSinceEpoch: milliseconds >= 0 ? milliseconds / 1_000 : -1)
                    if milliseconds > nowMilliseconds + futureToleranceMilliseconds {
                        reject("occurred_at", "in_future", "lies more than 5 minutes in the future")
                    } else if day < earliestDay || openFrom.map({ day < $0 }) == true {
                        rejections.append(.closedPeriod(at: index))
                    }
                } else {
                    reject("occurred_at", "malformed", "must be an RFC 3339 date-time such as 2026-12-06T10:15:00Z")
                }
            } else {
                reject("occurred_at", "required", "is required and must be a string")
            }
            if rejections.isEmpty {
                events.append(
                    UsageEvent(id: id, metric: metric, quantity: quantity, occurredAtMilliseconds: occurredAt))
            }
        }
        return rejections.isEmpty ? .valid(events) : .invalid(rejections)
    }
}
