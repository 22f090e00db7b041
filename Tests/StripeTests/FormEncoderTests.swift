import TestSupport
import Testing
import Web

@testable import Stripe

@Suite struct FormEncoderTests {
    /// The request behind `golden/checkout_session_create.payment.request.txt`.
    static let golden = CheckoutSessionRequest(
        lineItems: [.init(name: "Credit pack 500", unitAmount: 4900)], clientReferenceID: "order_0001",
        metadata: ["tenant": "acme", "order_id": "order_0001"], customerEmail: "buyer@example.com",
        successURL: "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        cancelURL: "https://shop.example/checkout/cancel", locale: .de, automaticTax: true, taxIDCollection: true,
        invoiceCreation: true, expiresAt: 1_767_229_200)

    /// Every parameter this type can produce, with two line items.
    static let everything = CheckoutSessionRequest(
        lineItems: [
            .init(name: "Basis", description: "KI-Audit", unitAmount: 149_00, quantity: 2, taxBehavior: .exclusive),
            .init(name: "Add-on & more", unitAmount: 1, taxBehavior: .inclusive),
        ],
        clientReferenceID: "purchase_42", metadata: ["purchase_id": "42", "company": "Müller GmbH"],
        customerEmail: "a+b@example.de", successURL: "https://x/s", cancelURL: "https://x/c", locale: .en,
        automaticTax: false, taxIDCollection: true, invoiceCreation: true, expiresAt: 1,
        allowedPaymentMethodTypes: ["card", "sepa_debit"])

    @Test func theGoldenPaymentRequestIsMatchedByteForByte() throws {
        let text = try Fixtures.text("golden/checkout_session_create.payment.request.txt")
        let marker = "# raw body (application/x-www-form-urlencoded):\n"
        let afterMarker = try #require(text.split(separator: marker, maxSplits: 1).last)
        let body = try #require(afterMarker.split(separator: "\n").first)
        #expect(Self.golden.formBody == String(body))
    }

    @Test(arguments: [golden, everything, CheckoutSessionRequest(lineItems: [], successURL: "s", cancelURL: "c")])
    func everyProducedPathIsARealParameter(_ request: CheckoutSessionRequest) throws {
        let parameters = try StripeStandInParameters.bundled()
        #expect(parameters.apiVersion == StripeConfiguration.pinnedAPIVersion)
        let fields = request.formFields
        #expect(!fields.isEmpty)
        for field in fields {
            #expect(parameters.type(of: field.name) != nil, "unknown parameter \(field.name)")
        }
    }

    @Test func theBodyDecodesBackToTheFields() throws {
        let request = Self.everything
        #expect(try FormData(parsing: request.formBody) == request.formFields)
        let fields = request.formFields
        #expect(fields["line_items[0][price_data][unit_amount]"] == "14900")
        #expect(fields["line_items[0][quantity]"] == "2")
        #expect(fields["line_items[0][price_data][product_data][description]"] == "KI-Audit")
        #expect(fields["line_items[1][price_data][tax_behavior]"] == "inclusive")
        #expect(fields["line_items[1][price_data][product_data][description]"] == nil)
        #expect(fields["allowed_payment_method_types[1]"] == "sepa_debit")
        #expect(fields["automatic_tax[enabled]"] == "false")
        #expect(fields["metadata[company]"] == "Müller GmbH")
        #expect(
            fields.fields.map(\.name).filter { $0.hasPrefix("metadata[") } == [
                "metadata[company]", "metadata[purchase_id]",
            ])
        #expect(
            !request.formBody.contains("payment_method_types[0]=")
                || request.formBody.contains("allowed_payment_method_types[0]="))
    }

    @Test(
        arguments: [
            (["a": "x y"], "a=x+y"),
            (["a": "ä/€@:?=&+%"], "a=%C3%A4%2F%E2%82%AC%40%3A%3F%3D%26%2B%25"),
            (["a": ["b": ["c": 1]]], "a[b][c]=1"),
            (["a": [true, false]], "a[0]=true&a[1]=false"),
            (["a": nil, "b": ""], "b="),
            (["a": [["b": 1], ["b": 2]]], "a[0][b]=1&a[1][b]=2"),
            (["metadata": ["key with space": "v"]], "metadata[key+with+space]=v"),
            (["n": -5], "n=-5"),
            (["z": 1, "a": 2], "z=1&a=2"),
        ] as [(JSON, String)])
    func bracketEncoding(parameters: JSON, expected: String) throws {
        #expect(FormEncoder.encode(try #require(parameters.objectValue)) == expected)
    }
}
