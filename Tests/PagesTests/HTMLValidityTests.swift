import Domain
import Foundation
import TestSupport
import Testing

@testable import Pages

/// Every rendered page checked by the Nu HTML Checker (vnu.jar), the W3C's validator.
///
/// The pages (every page × both languages, plus the configurator with a quote and with errors and the contact form
/// with errors) are written to `var/rendered-pages/` (or `$CODEZERO_RENDERED_PAGES`), where
/// `scripts/validate-html.sh` and the axe check can read them too. vnu.jar is found through `$VNU_JAR`, then
/// `var/validators` (what `scripts/validate-html.sh --install` creates); when it is missing the test fails under
/// `CI=true` and otherwise only writes the pages.
@Suite struct HTMLValidityTests {
    typealias F = PagesFixtures

    static let repository: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    static var outputFolder: String {
        ProcessInfo.processInfo.environment["CODEZERO_RENDERED_PAGES"] ?? repository + "/var/rendered-pages"
    }

    static func vnuJar() -> String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["VNU_JAR"]].compactMap { $0 }
        for version in ["python3.11", "python3.12", "python3.13"] {
            candidates.append(repository + "/var/validators/lib/\(version)/site-packages/vnujar/vnu.jar")
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The documents to check: file name → HTML.
    static func documents() -> [(String, String)] {
        var documents: [(String, String)] = []
        for page in Page.allCases {
            for language in Language.allCases {
                let html = F.site.render(page: page, language: language, context: F.context(for: page))
                documents.append(("\(page.template).\(language.rawValue).html", html))
            }
        }
        let broken = ConfiguratorForm(
            values: ["package": "ai_assessment", "country": "AT", "qty_extra_users": "99"], catalog: F.catalog)
        let reverse = ConfiguratorForm(
            values: [
                "package": "ai_assessment", "country": "AT", "vat_id": "ATU13585627", "qty_priority_support": "1",
            ],
            catalog: F.catalog)
        guard case .invalid(let contactErrors) = ContactForm.validate(["email": "x"]) else { return documents }
        for language in Language.allCases {
            let suffix = language.rawValue
            documents.append(
                (
                    "configurator-errors.\(suffix).html",
                    F.site.render(
                        page: .configurator, language: language,
                        context: PageContext(configurator: ConfiguratorView(catalog: F.catalog, form: broken)))
                ))
            documents.append(
                (
                    "configurator-reverse-charge.\(suffix).html",
                    F.site.render(
                        page: .configurator, language: language,
                        context: PageContext(configurator: ConfiguratorView(catalog: F.catalog, form: reverse)))
                ))
            documents.append(
                (
                    "contact-errors.\(suffix).html",
                    F.site.render(page: .contact, language: language, context: PageContext(form: contactErrors))
                ))
            documents.append(
                (
                    "register-errors.\(suffix).html",
                    F.site.render(
                        page: .register, language: language,
                        context: PageContext(form: PortalForms.validateRegister(["country": "AT"])))
                ))
        }
        return documents
    }

    @Test func everyRenderedPageIsValidHTML() throws {
        let folder = Self.outputFolder
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, html) in Self.documents() {
            let path = folder + "/" + name
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        #expect(paths.count >= Page.allCases.count * 2)
        guard let jar = Self.vnuJar() else {
            let message = "vnu.jar not found (set VNU_JAR or run scripts/validate-html.sh --install)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: message)) }
            print("HTMLValidityTests: \(message); pages written to \(folder)")
            return
        }
        let process = Process()
        let errors = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-jar", jar, "--errors-only", "--format", "gnu", "--also-check-css"] + paths
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readToEndResumingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        let reported = output.split(separator: "\n").map { $0.replacingOccurrences(of: folder + "/", with: "") }
        #expect(process.terminationStatus == 0 && reported.isEmpty, "\(reported.prefix(30).joined(separator: "\n"))")
    }
}
