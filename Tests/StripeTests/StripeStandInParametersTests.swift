import TestSupport
import Testing

/// The stand-in's parameter check behaves like `shared/stripe/check_params.py`.
@Suite struct StripeStandInParametersTests {
    @Test(arguments: [
        ("mode", "mode"),
        ("line_items[0][price_data][unit_amount]", "line_items[][price_data][unit_amount]"),
        ("line_items[12][quantity]", "line_items[][quantity]"),
        ("metadata[order_id]", "metadata[<key>]"),
        ("metadata[0]", "metadata[<key>]"),
        (
            "line_items[1][price_data][product_data][metadata][sku]",
            "line_items[][price_data][product_data][metadata][<key>]"
        ),
        ("allowed_payment_method_types[3]", "allowed_payment_method_types[]"),
        ("line_items[0][price_data][nme]", "line_items[][price_data][nme]"),
    ])
    func keysAreNormalised(key: String, normalised: String) throws {
        #expect(try StripeStandInParameters.bundled().normalise(key) == normalised)
    }

    @Test(arguments: [
        ("line_items[0][price_data][product_data][name]", true), ("metadata[anything]", true),
        ("automatic_tax[enabled]", true), ("invoice_creation[enabled]", true), ("expires_at", true),
        ("line_items[0][price_data][nme]", false), ("foo", false), ("payment_method_types[0]", false),
        ("metadata", true), ("line_items[x][quantity]", false),
    ])
    func knownAndUnknownKeys(key: String, known: Bool) throws {
        #expect(try (StripeStandInParameters.bundled().type(of: key) != nil) == known)
    }

    @Test func theListHasEveryFullDepthPath() throws {
        let parameters = try StripeStandInParameters.bundled()
        #expect(parameters.paths.count > 400)
        #expect(parameters.apiVersion == "2026-10-28.endive")
    }
}
