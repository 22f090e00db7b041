import Domain
import Testing
import Web

@testable import App

/// The quote written straight into bytes (issue #16) has exactly the bytes of the JSON tree the API answered before.
@Suite struct QuoteJSONTests {
    /// Names that need escaping, a monthly and a one-time item.
    static let catalog = try! Catalog(
        packages: [
            BasePackage(
                id: "starter", name: LocalizedText(de: "Start \"Paket\" ü", en: "Starter\u{2028}\\pack"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(49_900), interval: .monthly),
            BasePackage(
                id: "probe", name: LocalizedText(de: "Probe", en: "Probe\t"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(150), interval: .oneTime),
        ],
        addons: [
            Addon(
                id: "extra_user", name: LocalizedText(de: "Nutzer", en: "User"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(990), interval: .monthly, maxQuantity: 10),
            Addon(
                id: "onboarding", name: LocalizedText(de: "Einführung", en: "Onboarding"),
                description: LocalizedText(de: "d", en: "e"), net: .eur(29_900), interval: .oneTime, maxQuantity: 1),
        ],
        creditProducts: [])

    /// The tree the quote API built before, member for member.
    static func tree(_ quote: PriceQuote) -> JSON {
        func totals(_ totals: QuoteTotals) -> JSON {
            [
                "net_cents": JSON(totals.net.cents), "vat_cents": JSON(totals.vat.cents),
                "gross_cents": JSON(totals.gross.cents),
            ]
        }
        return [
            "currency": .string(quote.currency.code),
            "lines": .array(
                quote.lines.map { line in
                    [
                        "id": .string(line.id), "kind": .string(line.kind.rawValue),
                        "name": ["de": .string(line.name.de), "en": .string(line.name.en)],
                        "interval": .string(line.interval.rawValue), "unit_net_cents": JSON(line.unitNet.cents),
                        "quantity": JSON(line.quantity), "line_net_cents": JSON(line.lineNet.cents),
                    ]
                }),
            "net_cents": JSON(quote.netCents), "vat_rate": .string(quote.vatRate.percentText),
            "vat_rate_basis_points": JSON(quote.vatRate.basisPoints), "vat_cents": JSON(quote.vatCents),
            "gross_cents": JSON(quote.grossCents), "reverse_charge": .bool(quote.reverseCharge),
            "vat_category": .string(quote.vat.category.code), "country": .string(quote.vat.buyerCountry.code),
            "vat_id": JSON(quote.vat.buyerVatId?.description),
            "legal_note": quote.legalNote.map { ["de": .string($0.de), "en": .string($0.en)] } ?? .null,
            "one_time": totals(quote.oneTime), "monthly": totals(quote.monthly),
        ]
    }

    @Test(arguments: [("DE", nil), ("AT", "ATU13585627"), ("US", nil), ("CH", nil)])
    func theBytesAreTheTreesBytes(country: String, vatID: String?) throws {
        let pricing = Pricing(catalog: Self.catalog)
        for (package, addons) in [
            (
                "starter",
                [AddonSelection(id: "extra_user", quantity: 3), AddonSelection(id: "onboarding", quantity: 1)]
            ),
            ("probe", []),
        ] {
            let quote = try pricing.quote(package: package, addons: addons, countryCode: country, vatId: vatID)
            let body = QuoteJSON.body(quote)
            #expect(
                String(decoding: body, as: UTF8.self) == String(decoding: Self.tree(quote).serialized(), as: UTF8.self))
            #expect(body == Self.tree(quote).serialized())
        }
    }
}

/// The walk looking for U+0000 in a parsed body is skipped only when the body cannot hold one.
@Suite struct JSONBodyNULTests {
    @Test func onlyTheEscapeCanPutANULIntoStrictJSON() {
        #expect(!RequestContext.mayEscapeNUL(Array(#"{"package":"starter","country":"DE"}"#.utf8)))
        #expect(RequestContext.mayEscapeNUL(Array(#"{"a":"\u0001\u00000"}"#.utf8)))
        #expect(RequestContext.mayEscapeNUL(Array(#"{"a":"x\u0000"}"#.utf8)))
        #expect(RequestContext.mayEscapeNUL(Array(#"{"\u0000":1}"#.utf8)))
        #expect(!RequestContext.mayEscapeNUL(Array(#"\u000"#.utf8)))
        #expect(!RequestContext.mayEscapeNUL([]))
    }

    @Test func aNULInTheQuoteBodyIsStillRefused() throws {
        let harness = try BillingHarness()
        let client = TestClient(harness.application)
        let refused = client.send(
            "POST", "/api/v1/pricing/quote", json: ["package": "assistant_starter\u{0}", "country": "DE"], csrf: false)
        #expect(refused.status == .unprocessableContent)
        #expect(refused.json["errors"]?[0]?["code"] == .string("control_character"))
        let quoted = client.send(
            "POST", "/api/v1/pricing/quote", json: ["package": "assistant_starter", "country": "DE"], csrf: false)
        #expect(quoted.status == .ok)
        #expect(quoted.json["currency"] == .string("EUR"))
    }
}
