import Domain
import Postgres
import Storage
import TestSupport
import Testing

/// Referral attribution and the database's reward and reversal triggers (`sql/0100_referrals.sql`), with real
/// invoices issued through ``InvoiceStore``.
@Suite struct ReferralStoreTests {
    struct Setup {
        let connection: PostgresConnection
        let referrer: String
        let referred: String
        let referral: String
    }

    /// Company A refers company B (B attributed to A's code in B's own transaction, as registration does).
    static func referred(vatA: String? = nil, vatB: String? = nil) throws -> (TestDatabase, Setup) {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let referrer = try BillingFixtures.company(connection, name: "Empfehlende GmbH")
        let referred = try BillingFixtures.company(connection, name: "Neue GmbH")
        try connection.execute("UPDATE companies SET vat_id = \(vatA) WHERE id = \(referrer)::uuid")
        try connection.execute("UPDATE companies SET vat_id = \(vatB) WHERE id = \(referred)::uuid")
        let store = ReferralStore(connection: connection)
        let code = try #require(try store.code(companyID: referrer))
        let outcome = try store.attribute(referredCompanyID: referred, code: code)
        let referral =
            try connection.query("SELECT id::text AS id FROM referrals WHERE referred_company_id = \(referred)::uuid")
            .first?.string("id") ?? ""
        #expect(outcome == (vatA != nil && vatA == vatB ? .sameVATID : .attributed))
        return (database, Setup(connection: connection, referrer: referrer, referred: referred, referral: referral))
    }

    static func invoice(
        _ connection: PostgresConnection, companyID: String, netCents: Int, paid: Bool = true
    ) throws -> InvoiceRecord {
        var draft = InvoiceStoreTests.draft(companyID: companyID)
        draft.lines = [
            InvoiceDraft.Line(
                itemID: "ai_assessment", description: LocalizedText(de: "Analyse", en: "Assessment"), quantity: 1,
                unitNetCents: netCents)
        ]
        draft.payment =
            paid ? InvoiceDraft.Payment(cents: netCents + netCents * 19 / 100, method: "stripe", reference: "pi") : nil
        return try connection.transaction { try InvoiceStore(connection: $0).issue(draft) }
    }

    static func balance(_ connection: PostgresConnection, _ company: String) throws -> Int {
        try CreditLedger(connection: connection).balance(companyID: company)
    }

    @Test func everyCompanyHasAnUnambiguousCodeThatParsesForgivingly() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try BillingFixtures.company(connection)
        let code = try #require(try ReferralStore(connection: connection).code(companyID: company))
        #expect(code.value.count == 8 && code.value.allSatisfy(ReferralCode.alphabet.contains))
        let dashed = code.value.prefix(4).lowercased() + "-" + code.value.suffix(4).lowercased()
        #expect(ReferralCode(" \(dashed) ") == code)
        #expect(ReferralCode("ABCDEFG") == nil && ReferralCode("ABCDEFGHJ") == nil && ReferralCode("ABCDEFG0") == nil)
        #expect(ReferralCode("ABCDEFGI") == nil && ReferralCode("ABCD'FGH") == nil)
    }

    @Test func unknownOwnAndSameVATCodesAttributeNothing() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let store = ReferralStore(connection: connection)
        let a = try BillingFixtures.company(connection)
        let b = try BillingFixtures.company(connection, name: "B GmbH")
        #expect(try store.attribute(referredCompanyID: b, code: #require(ReferralCode("ZZZZ2222"))) == .unknownCode)
        #expect(try store.attribute(referredCompanyID: a, code: #require(try store.code(companyID: a))) == .ownCode)
        try connection.execute("UPDATE companies SET vat_id = 'DE136695976' WHERE id IN (\(a)::uuid, \(b)::uuid)")
        #expect(try store.attribute(referredCompanyID: b, code: #require(try store.code(companyID: a))) == .sameVATID)
        #expect(try !store.isAttributed(referredCompanyID: b))
    }

    @Test func theFirstPaidInvoiceOfAtLeast100EuroNetRewardsBothOnce() throws {
        let (database, setup) = try Self.referred()
        _ = database
        let connection = setup.connection
        // Below 100 € net, or not paid: nothing.
        _ = try Self.invoice(connection, companyID: setup.referred, netCents: 9_999)
        let open = try Self.invoice(connection, companyID: setup.referred, netCents: 20_000, paid: false)
        #expect(try Self.balance(connection, setup.referrer) == 0 && Self.balance(connection, setup.referred) == 0)
        // Paid later (a subscription invoice's PaymentIntent): the reward, in that transaction.
        #expect(try InvoiceStore(connection: connection).markPaid(invoiceID: open.id, reference: "pi_1"))
        #expect(try Self.balance(connection, setup.referrer) == 10 && Self.balance(connection, setup.referred) == 5)
        // Another qualifying invoice, and the same payment signalled again: nothing more.
        _ = try Self.invoice(connection, companyID: setup.referred, netCents: 50_000)
        _ = try InvoiceStore(connection: connection).markPaid(invoiceID: open.id, reference: "pi_1")
        #expect(try Self.balance(connection, setup.referrer) == 10 && Self.balance(connection, setup.referred) == 5)
        let overview = try ReferralStore(connection: connection).overview(companyID: setup.referrer)
        #expect(overview.referred.map(\.status) == [.rewarded] && overview.referred[0].companyName == "Neue GmbH")
        #expect(overview.creditsEarned == 10 && overview.rewards.map(\.asReferrer) == [true])
        // The ledger refuses a second grant even if the trigger's own check were gone.
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO credit_ledger (company_id, delta, reason, referral_id)
                VALUES (\(setup.referrer)::uuid, 10, 'referral', \(setup.referral)::uuid)
                """)
        }
        #expect(error?.isUniqueViolation == true)
    }

    /// The overview is two statements (code with the settings; referred companies and ledger entries as two branches
    /// of one result), each part in its own order whatever the other holds.
    @Test func theOverviewReadsEverythingInTwoStatementsEachPartInItsOrder() throws {
        let (database, setup) = try Self.referred()
        let connection = setup.connection
        let store = ReferralStore(connection: connection)
        let code = try #require(try store.code(companyID: setup.referrer))
        var later: [String] = []
        for name in ["Dritte GmbH", "Vierte GmbH"] {
            let company = try BillingFixtures.company(connection, name: name)
            #expect(try store.attribute(referredCompanyID: company, code: code) == .attributed)
            later.append(company)
        }
        // The second referred company pays first: its reward is the first ledger entry, its referral the second.
        let first = try Self.invoice(connection, companyID: later[0], netCents: 20_000)
        let second = try Self.invoice(connection, companyID: setup.referred, netCents: 20_000)
        try store.update(ReferralSettings(referrerCredits: 25, referredCredits: 7))
        let before = connection.statementsRun
        let overview = try store.overview(companyID: setup.referrer)
        #expect(connection.statementsRun - before == 2)
        #expect(overview.code == code && overview.settings == ReferralSettings(referrerCredits: 25, referredCredits: 7))
        #expect(overview.referred.map(\.companyName) == ["Neue GmbH", "Dritte GmbH", nil])
        #expect(overview.referred.map(\.status) == [.rewarded, .rewarded, .registered])
        #expect(overview.rewards.map(\.credits) == [10, 10] && overview.rewards.allSatisfy(\.asReferrer))
        #expect(overview.rewards.map(\.invoiceNumber) == [first.number, second.number])
        #expect(overview.referred.map(\.registeredAt) == overview.referred.map(\.registeredAt).sorted())
        // The referred company: its code, nothing referred, its own reward as the referred one.
        let own = try store.overview(companyID: setup.referred)
        #expect(own.referred.isEmpty && own.rewards.map(\.credits) == [5] && own.rewards[0].asReferrer == false)
        _ = database
    }

    @Test func aNameIsShownOnlyOnceTheReferredCompanyHasPaid() throws {
        let (database, setup) = try Self.referred()
        _ = database
        let overview = try ReferralStore(connection: setup.connection).overview(companyID: setup.referrer)
        #expect(overview.referred.count == 1 && overview.referred[0].companyName == nil)
        #expect(overview.referred[0].status == .registered)
        // The referred company sees no referral of its own, only its code.
        let own = try ReferralStore(connection: setup.connection).overview(companyID: setup.referred)
        #expect(own.referred.isEmpty && own.code != nil)
    }

    @Test func companiesThatShareAVATIDLaterEarnNothing() throws {
        let (database, setup) = try Self.referred(vatA: "DE136695976")
        _ = database
        try setup.connection.execute(
            "UPDATE companies SET vat_id = 'DE136695976' WHERE id = \(setup.referred)::uuid")
        _ = try Self.invoice(setup.connection, companyID: setup.referred, netCents: 20_000)
        #expect(try Self.balance(setup.connection, setup.referrer) == 0)
        let overview = try ReferralStore(connection: setup.connection).overview(companyID: setup.referrer)
        #expect(overview.referred.map(\.status) == [.ineligible])
    }

    @Test func aRefundWithin14DaysThatLeavesLessThan100EuroReversesOnce() throws {
        let (database, setup) = try Self.referred()
        _ = database
        let connection = setup.connection
        let rewarded = try Self.invoice(connection, companyID: setup.referred, netCents: 15_000)
        #expect(try Self.balance(connection, setup.referrer) == 10)
        func correct(_ cents: Int, refund: String) throws {
            var correction = InvoiceStoreTests.draft(companyID: setup.referred)
            correction.kind = .correction(of: rewarded.id)
            correction.lines = [
                InvoiceDraft.Line(
                    itemID: "ai_assessment", description: LocalizedText(de: "Erstattung", en: "Refund"),
                    quantityTenThousandths: -10_000, unitCode: "C62", unitNetPriceTenThousandths: cents * 100)
            ]
            correction.refundID = refund
            correction.payment = InvoiceDraft.Payment(cents: cents, method: "stripe", reference: refund)
            _ = try connection.transaction { try InvoiceStore(connection: $0).issue(correction) }
        }
        // A small partial refund leaves 140 € net: the reward stays.
        try correct(1_000, refund: "re_small")
        #expect(try Self.balance(connection, setup.referrer) == 10 && Self.balance(connection, setup.referred) == 5)
        // The rest: below 100 € net → both rewards taken back, once.
        try correct(14_000, refund: "re_rest")
        #expect(try Self.balance(connection, setup.referrer) == 0 && Self.balance(connection, setup.referred) == 0)
        let overview = try ReferralStore(connection: connection).overview(companyID: setup.referrer)
        #expect(overview.referred.map(\.status) == [.reversed] && overview.rewards.map(\.credits) == [10, -10])
    }

    @Test func aRefundAfter14DaysKeepsTheReward() throws {
        let (database, setup) = try Self.referred()
        _ = database
        let connection = setup.connection
        let rewarded = try Self.invoice(connection, companyID: setup.referred, netCents: 15_000)
        try connection.execute(
            "UPDATE referrals SET rewarded_at = now() - interval '15 days' WHERE id = \(setup.referral)::uuid")
        var correction = InvoiceStoreTests.draft(companyID: setup.referred)
        correction.kind = .correction(of: rewarded.id)
        correction.lines = [
            InvoiceDraft.Line(
                itemID: "ai_assessment", description: LocalizedText(de: "Erstattung", en: "Refund"),
                quantityTenThousandths: -10_000, unitCode: "C62", unitNetPriceTenThousandths: 1_500_000)
        ]
        correction.refundID = "re_late"
        correction.payment = InvoiceDraft.Payment(cents: 17_850, method: "stripe", reference: "re_late")
        _ = try connection.transaction { try InvoiceStore(connection: $0).issue(correction) }
        #expect(try Self.balance(connection, setup.referrer) == 10)
    }

    @Test func staffChangeTheRewardOfFutureReferrals() throws {
        let (database, setup) = try Self.referred()
        _ = database
        let store = ReferralStore(connection: setup.connection)
        #expect(try store.settings() == ReferralSettings(referrerCredits: 10, referredCredits: 5))
        try store.update(ReferralSettings(referrerCredits: 20, referredCredits: 0))
        _ = try Self.invoice(setup.connection, companyID: setup.referred, netCents: 10_000)
        #expect(try Self.balance(setup.connection, setup.referrer) == 20)
        #expect(try Self.balance(setup.connection, setup.referred) == 0)
        #expect(try store.all().map(\.creditsGranted) == [20])
    }
}
