import Testing

@testable import Domain

struct PeriodStatementTests {
    static let starter = PlanPrice(
        planID: "assistant_starter", effectiveFrom: 0, baseFee: .eur(49_000),
        allowances: [
            MetricAllowance(
                metric: "assistant_minutes", included: UsageQuantity(units: 1_000),
                overagePrice: UnitPrice(hundredthsOfCent: 500))
        ])

    /// Seed 004 §9.1 by name: five calls of 300 s each are 25 minutes; with 1,000 minutes included at 5 ct the
    /// usage part of the invoice is 25 minutes and its subtotal 0.
    @Test func test_generates_invoice_with_correct_usage() {
        let calls = Array(repeating: 300, count: 5)
        let minutes = calls.reduce(UsageQuantity.zero) { total, seconds in
            total + UsageQuantity(thousandths: seconds * 1_000 / 60)
        }
        let statement = PeriodStatement(
            closedPrice: Self.starter, nextPrice: Self.starter, used: ["assistant_minutes": minutes],
            unitsPerCredit: [:], credits: 0)
        #expect(statement.usage.map(\.used) == [UsageQuantity(units: 25)])
        #expect(statement.usage.map(\.overage) == [.zero])
        #expect(statement.usage.map(\.amount) == [.eur(0)])
        #expect(statement.baseFee == .eur(49_000))
        #expect(statement.net == .eur(49_000))
    }

    @Test(arguments: [
        // used minutes (thousandths), credits, expected billed overage cents, credits spent
        (1_250_000, 0, 1_250, 0),  // 250 over × 5 ct
        (1_250_000, 3, 800, 3),  // 3 credits × 30 min = 90 min paid, 160 × 5 ct
        (1_250_000, 100, 50, 8),  // 8 whole blocks of 30 = 240 min, 10 min billed
        (1_000_000, 5, 0, 0),  // exactly the included minutes
        (1_000_500, 0, 3, 0),  // 0.5 min × 5 ct = 2.5 ct → 3 ct
    ])
    func overageIsBilledInArrearsAfterCredits(used: Int, credits: Int, cents: Int, spent: Int) {
        let statement = PeriodStatement(
            closedPrice: Self.starter, nextPrice: Self.starter,
            used: ["assistant_minutes": UsageQuantity(thousandths: used)],
            unitsPerCredit: ["assistant_minutes": UsageQuantity(units: 30)], credits: credits)
        #expect(statement.usage[0].amount == .eur(cents))
        #expect(statement.creditsApplied == spent)
        #expect(statement.net == .eur(49_000 + cents))
    }

    @Test func aFinalPeriodHasNoBaseFee() {
        let statement = PeriodStatement(
            closedPrice: Self.starter, nextPrice: nil, used: [:], unitsPerCredit: [:], credits: 0)
        #expect(statement.baseFee == nil)
        #expect(statement.net == .eur(0))
    }

    @Test func aPriceChangeAppliesFromTheNextPeriod() {
        let change = PlanPrice(planID: "assistant_starter", effectiveFrom: 1_000, baseFee: .eur(59_000), allowances: [])
        let company = PlanPrice(planID: "assistant_starter", effectiveFrom: 2_000, baseFee: .eur(100), allowances: [])
        let versions = [Self.starter, change]
        #expect(PlanPrice.applicable(at: 999, planVersions: versions) == Self.starter)
        #expect(PlanPrice.applicable(at: 1_000, planVersions: versions) == change)
        #expect(PlanPrice.applicable(at: 1_999, planVersions: versions, companyVersions: [company]) == change)
        #expect(PlanPrice.applicable(at: 2_000, planVersions: versions, companyVersions: [company]) == company)
        #expect(PlanPrice.applicable(at: -1, planVersions: versions) == nil)
    }
}

struct PricedItemTests {
    @Test func addOnsAddTheirAllowancesAndFees() {
        let pipeline = PlanPrice(
            planID: "document_pipeline", effectiveFrom: 0, baseFee: .eur(25_000),
            allowances: [
                MetricAllowance(
                    metric: "document_pages", included: UsageQuantity(units: 10_000),
                    overagePrice: UnitPrice(hundredthsOfCent: 30))
            ])
        let items = [PricedItem(price: PeriodStatementTests.starter), PricedItem(price: pipeline, quantity: 2)]
        let statement = PeriodStatement(
            closed: items, next: items,
            used: ["assistant_minutes": UsageQuantity(units: 900), "document_pages": UsageQuantity(units: 20_100)],
            unitsPerCredit: [:], credits: 0)
        #expect(statement.usage.map(\.metric) == ["assistant_minutes", "document_pages"])
        #expect(statement.usage[1].included == UsageQuantity(units: 20_000))
        #expect(statement.usage[1].amount == .eur(30))  // 100 pages × 0.30 ct
        #expect(statement.fees.map(\.total) == [.eur(49_000), .eur(50_000)])
        #expect(statement.net == .eur(49_000 + 50_000 + 30))
    }
}
