import CivilTime
import Domain
import Storage
import Web

/// Plans and price versions as the API shows them.
enum PlanJSON {
    /// The schema of ``price(_:)`` (company versions add `plan_id`).
    static let priceSchema = APISchema.object([
        "effective_from": .dateTime, "base_fee_cents": .integer, "currency": .string,
        "metrics": .array(.object(["metric": .string, "included": .string, "overage_unit_price": .string])),
        "plan_id?": .string,
    ])

    /// The schema of ``plan(_:nowSeconds:companyVersions:)``.
    static let schema = APISchema.object([
        "id": .string, "kind": .string, "name": .localized, "active": .boolean, "interval": .oneOf(["monthly"]),
        "current_price": priceSchema.orNull, "scheduled_prices": .array(priceSchema),
    ])

    /// A plan with the version that prices a period starting now and the versions scheduled after it.
    static func plan(_ plan: PlanRecord, nowSeconds: Int, companyVersions: [PlanPrice] = []) -> JSON {
        let current = PlanPrice.applicable(
            at: nowSeconds, planVersions: plan.versions, companyVersions: companyVersions)
        let scheduled = (plan.versions + companyVersions).filter { $0.effectiveFrom > nowSeconds }
            .sorted { $0.effectiveFrom < $1.effectiveFrom }
        return [
            "id": .string(plan.id), "kind": .string(plan.kind),
            "name": ["de": .string(plan.name.de), "en": .string(plan.name.en)], "active": JSON(plan.isActive),
            "interval": "monthly", "current_price": current.map(price) ?? .null,
            "scheduled_prices": .array(scheduled.map(price)),
        ]
    }

    /// One price version.
    static func price(_ price: PlanPrice) -> JSON {
        [
            "effective_from": .string(timestamp(price.effectiveFrom)), "base_fee_cents": JSON(price.baseFee.cents),
            "currency": .string(price.baseFee.currency.code),
            "metrics": .array(
                price.allowances.map {
                    [
                        "metric": .string($0.metric), "included": .string($0.included.description),
                        "overage_unit_price": .string($0.overagePrice.euroText),
                    ]
                }),
        ]
    }

    /// RFC 3339 in UTC for seconds since 1970.
    static func timestamp(_ seconds: Int) -> String {
        CivilFormat.rfc3339(seconds: Int64(seconds))
    }
}
