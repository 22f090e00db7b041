import Domain
import Foundation
import Testing

@testable import Pages

@Suite struct JSONLDTests {
    @Test func cannotCloseTheScriptElement() throws {
        let value = JSONLD.object([("name", .string("</script><script>alert(1)</script> & <!-- \"q\" \\ \n"))])
        let text = value.serialized
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(parsed["name"] == "</script><script>alert(1)</script> & <!-- \"q\" \\ \n")
    }

    @Test(arguments: [
        (JSONLD.int(-5), "-5"), (.bool(true), "true"), (.array([]), "[]"), (.string("\u{1}"), "\"\\u0001\""),
        (.object([("b", .int(1)), ("a", .int(2))]), "{\"b\":1,\"a\":2}"),
    ])
    func serialisesCompactly(value: JSONLD, expected: String) {
        #expect(value.serialized == expected)
    }

    @Test func monthlyProductsCarryTheirBillingPeriod() throws {
        let package = PagesFixtures.catalog.packages[1]
        let text = StructuredData.product(
            package, language: .en, baseURL: "https://x.test", pageURL: "https://x.test/en/pricing"
        )
        .serialized
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let offer = try #require(object["offers"] as? [String: Any])
        let spec = try #require(offer["priceSpecification"] as? [String: Any])
        #expect(spec["unitCode"] as? String == "MON")
        #expect(spec["valueAddedTaxIncluded"] as? Bool == false)
        #expect(offer["price"] as? String == "490.00")
        #expect(offer["eligibleCustomerType"] as? String == "https://schema.org/Business")
    }
}
