import CivilTime
import Domain
import Storage
import Web

/// The subscriptions API's JSON (DESIGN §11).
enum SubscriptionJSON {
    /// The schema of ``subscription(_:)``.
    static let schema = APISchema.object([
        "id": .uuid, "plan_id": .string, "status": .string,
        "current_period_start": APISchema.dateTime.orNull, "current_period_end": APISchema.dateTime.orNull,
        "cancel_at_period_end": .boolean, "pending_plan_id": APISchema.string.orNull,
        "addons": .array(.object(["id": .string, "quantity": .integer])), "payment_method_saved": .boolean,
        "dunning": APISchema.object([
            "invoice_id": .uuid, "failed_attempts": .integer, "next_retry_at": APISchema.dateTime.orNull,
            "recovering": .boolean,
        ]).orNull,
        "created_at": .dateTime, "canceled_at": APISchema.dateTime.orNull,
    ])

    /// ``schema`` plus the change history.
    static let detailSchema = APISchema.object([
        "id": .uuid, "plan_id": .string, "status": .string, "cancel_at_period_end": .boolean,
        "history": .array(.object(["event": .string, "from": .string, "to": .string, "at": .dateTime])),
    ])

    /// `addons: [{id, quantity?}]` as requests carry it (at most 50).
    static let addonsRequest = APISchema.array(
        .object(["id": .string(minimumLength: 1, maximumLength: 16), "quantity?": APISchema.integer.orNull]),
        maximumItems: 50
    ).orNull

    static func subscription(_ record: SubscriptionRecord) -> JSON { .object(object(record)) }

    static func object(_ record: SubscriptionRecord) -> JSONObject {
        let state = record.state
        let dunning: JSON =
            state.dunning.map { dunning in
                [
                    "invoice_id": .string(dunning.invoiceID), "failed_attempts": JSON(dunning.failedAttempts),
                    "next_retry_at": dunning.nextRetryAt.map { .string(timestamp($0)) } ?? .null,
                    // A charge with a newly saved payment method is in flight (outside the retry schedule).
                    "recovering": .bool(dunning.recovering),
                ]
            } ?? .null
        return [
            "id": .string(record.id), "plan_id": .string(state.planID), "status": .string(state.status.rawValue),
            "current_period_start": state.periodEnd > 0 ? .string(timestamp(state.periodStart)) : .null,
            "current_period_end": state.periodEnd > 0 ? .string(timestamp(state.periodEnd)) : .null,
            "cancel_at_period_end": .bool(state.cancelAtPeriodEnd),
            "pending_plan_id": JSON(state.pendingPlanID),
            "addons": .array(record.addons.map { ["id": .string($0.id), "quantity": JSON($0.quantity)] }),
            "payment_method_saved": .bool(record.paymentMethodID != nil),
            "dunning": dunning,
            "created_at": .string(timestamp(record.createdAt)),
            "canceled_at": record.canceledAt.map { .string(timestamp($0)) } ?? .null,
        ]
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time.
    static func timestamp(_ seconds: Int64) -> String {
        CivilFormat.rfc3339(seconds: seconds)
    }
}
