import Foundation
import Testing

@testable import Domain

@Suite struct XRechnungWriterTests {
    @Test func correctionIsType384AndRefersToTheOriginal() {
        let xml = XRechnungWriter.xml(InvoiceExamples.partialCorrection)
        #expect(xml.contains("<ram:TypeCode>384</ram:TypeCode>"))
        #expect(
            xml.contains(
                "<ram:InvoiceReferencedDocument>\n<ram:IssuerAssignedID>CZ-2026-000001</ram:IssuerAssignedID>\n"
                    + "<ram:FormattedIssueDateTime>\n<qdt:DateTimeString format=\"102\">20260302</qdt:DateTimeString>"))
        #expect(xml.contains("<ram:GrandTotalAmount>-2.38</ram:GrandTotalAmount>"))
        #expect(xml.contains("<ram:BilledQuantity unitCode=\"C62\">-1.0000</ram:BilledQuantity>"))
        #expect(!xml.contains("Gutschrift"))
    }

    @Test func outsideTheEUCarriesNoVATIDAndTheExemption() {
        let xml = XRechnungWriter.xml(InvoiceExamples.switzerland)
        #expect(!xml.contains("schemeID=\"VA\""))
        #expect(xml.contains("<ram:ID schemeID=\"FC\">30/123/45678</ram:ID>"))
        #expect(xml.contains("<ram:ExemptionReasonCode>VATEX-EU-O</ram:ExemptionReasonCode>"))
    }

    @Test func reverseChargeCarriesBothVATIDsAndTheNote() {
        let xml = XRechnungWriter.xml(InvoiceExamples.austria)
        #expect(xml.contains("<ram:ID schemeID=\"VA\">DE136695976</ram:ID>"))
        #expect(xml.contains("<ram:ID schemeID=\"VA\">ATU13585627</ram:ID>"))
        #expect(xml.contains("<ram:ExemptionReasonCode>VATEX-EU-AE</ram:ExemptionReasonCode>"))
        #expect(xml.contains("Steuerschuldnerschaft des Leistungsempfängers"))
    }

    @Test func textIsEscaped() {
        #expect(XMLText.escape("A & B <C> \"d\" 'e'\u{1}") == "A &amp; B &lt;C&gt; &quot;d&quot; &apos;e&apos;")
    }

    /// Budget: ≥ 500 XML documents/s. Measured in this thread's CPU time, so that other tests and other
    /// processes on the machine do not make it flaky.
    @Test func writesAtLeast500DocumentsPerSecondOfCPU() {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        var bytes = 0
        for _ in 0..<500 { bytes += XRechnungWriter.xml(InvoiceExamples.order).utf8.count }
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        #expect(bytes > 500 * 4_000)
        #expect(seconds < 1.0, "500 documents took \(seconds) s of CPU")
    }
}
