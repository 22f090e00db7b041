import Domain
import Foundation
import Pages
import TestSupport
import Testing

@testable import App

/// The PDFs are ZUGFeRD/Factur-X EN 16931 PDF/A-3 with the very XML embedded: checked with the `factur-x`
/// library (`scripts/check-invoice-pdf.py`); page 1 of each kept as PNG (pdftoppm) under var/artifacts/invoices.
@Suite(.serialized) struct InvoicePDFTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let artifacts = "\(root)/var/artifacts/invoices"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readToEndResumingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func everyExampleIsAFacturXPDFWithTheSameXML() throws {
        try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
        let renderer = InvoicePDFRenderer(root: Self.root)
        defer { renderer.stop() }
        for (name, document) in InvoiceExamples.all {
            let xml = XRechnungWriter.xml(document)
            let html = InvoiceHTML.html(document)
            try Data(html.utf8).write(to: URL(fileURLWithPath: "\(Self.artifacts)/\(name).html"))
            let pdf = try renderer.render(html: html, xml: xml)
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            let pdfPath = "\(Self.artifacts)/\(name).pdf"
            let xmlPath = "\(Self.artifacts)/\(name).xml"
            try Data(pdf).write(to: URL(fileURLWithPath: pdfPath))
            try Data(xml.utf8).write(to: URL(fileURLWithPath: xmlPath))
            let check = try Self.run([
                "\(Self.root)/var/invoice-pdf/bin/python", "\(Self.root)/scripts/check-invoice-pdf.py", pdfPath,
                xmlPath,
            ])
            #expect(check.status == 0, "\(name): \(check.output)")
            let png = try Self.run([
                "/usr/bin/pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", pdfPath, "\(Self.artifacts)/\(name)",
            ])
            #expect(png.status == 0, "pdftoppm: \(png.output)")
            let text = try Self.run(["/usr/bin/pdftotext", "-layout", pdfPath, "-"])
            #expect(text.output.contains(document.number), "\(name): \(text.output)")
            #expect(text.output.contains(document.kind.title.de))
        }
    }

    @Test func aDifferentXMLIsDetected() throws {
        let renderer = InvoicePDFRenderer(root: Self.root)
        defer { renderer.stop() }
        let document = InvoiceExamples.germany
        let pdf = try renderer.render(html: InvoiceHTML.html(document), xml: XRechnungWriter.xml(document))
        try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
        let pdfPath = "\(Self.artifacts)/mismatch.pdf"
        let xmlPath = "\(Self.artifacts)/mismatch.xml"
        try Data(pdf).write(to: URL(fileURLWithPath: pdfPath))
        try Data(XRechnungWriter.xml(InvoiceExamples.austria).utf8).write(to: URL(fileURLWithPath: xmlPath))
        let check = try Self.run([
            "\(Self.root)/var/invoice-pdf/bin/python", "\(Self.root)/scripts/check-invoice-pdf.py", pdfPath, xmlPath,
        ])
        #expect(check.status == 1)
        #expect(check.output.contains("embedded XML differs"))
    }

    @Test func aRenderingFailureIsAnErrorAndTheRendererRecovers() throws {
        let renderer = InvoicePDFRenderer(root: Self.root)
        defer { renderer.stop() }
        #expect(throws: InvoicePDFRenderer.Failure.self) { try renderer.render(html: "<p>x</p>", xml: "not xml") }
        let document = InvoiceExamples.switzerland
        let pdf = try renderer.render(html: InvoiceHTML.html(document), xml: XRechnungWriter.xml(document))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }
}
