import Domain
import Web

/// Reads a price version from an admin request body: `{base_fee_cents, metrics:[{metric, included,
/// overage_unit_price}], effective_from?}`, every problem as a field error.
enum PriceInput {
    /// The schema of what ``read`` accepts (a company version also names the plan and may carry a note).
    static func schema(company: Bool) -> APISchema {
        var members: [(String, APISchema)] = [
            ("base_fee_cents", .integer(minimum: 0, maximum: Int64(maximumBaseFeeCents))),
            ("effective_from?", APISchema.text(40, minimumLength: 0).orNull),
            (
                "metrics?",
                .array(.object(["metric": .string, "included": .string, "overage_unit_price": .string]))
            ),
        ]
        if company {
            members += [("plan_id", .text(64)), ("note?", APISchema.text(500, minimumLength: 0).orNull)]
        }
        return .object(members)
    }

    /// The highest base fee accepted, in cents (1,000,000 €).
    static let maximumBaseFeeCents = 100_000_000

    /// The price of `planID` in `fields`; `metrics` are the known metric ids; `effective_from` defaults to
    /// `nowSeconds` and must not lie before it (a change never reprices a period that has started).
    static func read(
        _ fields: inout JSONFields, planID: String, metrics known: Set<String>, nowSeconds: Int
    ) -> PlanPrice? {
        var baseFee = 0
        if let value = fields.object["base_fee_cents"], let cents = value.intValue {
            if !(0...maximumBaseFeeCents).contains(cents) {
                fields.fail("base_fee_cents", "must be 0 to \(maximumBaseFeeCents)", code: "out_of_range")
            }
            baseFee = cents
        } else {
            fields.fail("base_fee_cents", "is required and must be an integer", code: "required")
        }
        var effectiveFrom = nowSeconds
        if let text = fields.optionalString("effective_from", maximumLength: 40) {
            if let milliseconds = RFC3339Timestamp.milliseconds(text) {
                effectiveFrom = milliseconds / 1_000
                if effectiveFrom < nowSeconds {
                    fields.fail(
                        "effective_from", "must not lie in the past: a price applies from the next period",
                        code: "in_past")
                }
            } else {
                fields.fail("effective_from", "must be an RFC 3339 date-time", code: "malformed")
            }
        }
        var allowances: [MetricAllowance] = []
        let list = fields.object["metrics"]?.arrayValue
        if fields.object["metrics"] != nil && list == nil {
            fields.fail("metrics", "must be an array", code: "type")
        }
        for (index, element) in (list ?? []).enumerated() {
            let field = "metrics[\(index)]"
            guard let object = element.objectValue else {
                fields.fail(field, "must be an object", code: "type")
                continue
            }
            let metric = object["metric"]?.stringValue ?? ""
            if !known.contains(metric) {
                fields.fail(field + ".metric", "is not a known metric", code: "unknown_metric")
            } else if allowances.contains(where: { $0.metric == metric }) {
                fields.fail(field + ".metric", "is listed twice", code: "duplicate")
            }
            var included = UsageQuantity.zero
            switch object["included"]?.stringValue.map(UsageQuantity.parse) {
            case .success(let quantity)?: included = quantity
            case .failure(let rejection)?: fields.fail(field + ".included", rejection.detail, code: rejection.rawValue)
            case nil: fields.fail(field + ".included", "is required and must be a decimal string", code: "required")
            }
            let price = object["overage_unit_price"]?.stringValue.flatMap { UnitPrice.parse(euros: $0) }
            if price == nil {
                fields.fail(
                    field + ".overage_unit_price", "must be a euro amount with at most 4 decimals, e.g. \"0.0500\"",
                    code: "invalid")
            }
            allowances.append(
                MetricAllowance(
                    metric: metric, included: included, overagePrice: price ?? UnitPrice(hundredthsOfCent: 0)))
        }
        if (list?.count ?? 0) > 20 { fields.fail("metrics", "must hold at most 20 metrics", code: "too_many") }
        guard fields.errors.isEmpty else { return nil }
        return PlanPrice(planID: planID, effectiveFrom: effectiveFrom, baseFee: .eur(baseFee), allowances: allowances)
    }
}
