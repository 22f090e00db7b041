import Foundation
import TestSupport
import Testing

@testable import Domain

/// Every generated XML passes the official rules offline (XSD, CEN EN 16931 and KoSIT XRechnung 3.0
/// schematron, `scripts/validate-einvoice.py` in the venv `scripts/invoice-tools.sh` installs); a broken one fails.
/// The documents are kept under `var/artifacts/einvoice/`.
@Suite struct XRechnungValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let artifacts = root.appendingPathComponent("var/artifacts/einvoice")

    /// Runs the validator on `files`; its exit status and output.
    static func validate(_ files: [URL]) throws -> (status: Int32, output: String) {
        let python = root.appendingPathComponent("var/validators/bin/python")
        let script = root.appendingPathComponent("scripts/validate-einvoice.py")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("the e-invoice validators are missing: run scripts/invoice-tools.sh --install (make deps)")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readToEndResumingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func write(_ name: String, _ xml: String) throws -> URL {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let file = artifacts.appendingPathComponent("\(name).xml")
        try Data(xml.utf8).write(to: file)
        return file
    }

    @Test func everyBranchAndTheCorrectionPassXSDCENAndKoSIT() throws {
        var files: [URL] = []
        for (name, document) in InvoiceExamples.all {
            try document.validate()
            files.append(try Self.write(name, XRechnungWriter.xml(document)))
        }
        let result = try Self.validate(files)
        #expect(result.status == 0, "\(result.output)")
        for file in files { #expect(result.output.contains("\(file.path): VALID"), "\(result.output)") }
    }

    @Test func aBrokenInvoiceFails() throws {
        // The gross no longer equals net + VAT (BR-CO-15) and the buyer reference is gone (BR-DE-15).
        let xml = XRechnungWriter.xml(InvoiceExamples.germany)
            .replacingOccurrences(
                of: "<ram:GrandTotalAmount>8.32</ram:GrandTotalAmount>",
                with: "<ram:GrandTotalAmount>8.33</ram:GrandTotalAmount>"
            )
            .replacingOccurrences(of: "<ram:BuyerReference>Bestellung 4711</ram:BuyerReference>\n", with: "")
        let file = try Self.write("broken", xml)
        let result = try Self.validate([file])
        #expect(result.status == 1)
        #expect(result.output.contains("BR-CO-15"), "\(result.output)")
        #expect(result.output.contains("BR-DE-15"), "\(result.output)")
        #expect(result.output.contains("INVALID"))
    }
}
