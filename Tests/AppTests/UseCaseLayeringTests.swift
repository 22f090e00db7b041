import Foundation
import Testing

/// Use cases do not speak HTTP (issue 9 item 1): a file in a use-case folder of `App` neither takes a
/// `RequestContext` nor builds or throws a `Problem` — it throws business errors, and `ErrorResponses` turns
/// them into HTTP through `ProblemConvertible` (conformances in `App/HTTP/Problems`). Reading `Web`'s `JSON`
/// type is allowed. ``notYetConverted`` lists files that still do it (none now); the list may only shrink.
@Suite struct UseCaseLayeringTests {
    /// The folders of `Sources/App` that hold use cases (the HTTP side is `HTTP`, `Routes`, `Site`, `Auth`).
    static let useCaseFolders = [
        "Backoffice", "Billing", "BillingRun", "Incidents", "Invoicing", "Mail", "Privacy", "Referrals",
        "SelfService", "Subscriptions", "Team", "Usage",
    ]

    /// Files that still take a `RequestContext` or throw `Problem`; converting one removes it from here.
    static let notYetConverted: Set<String> = []

    /// The named use cases of the issue, which must never be on the list.
    static let namedUseCases = [
        "Billing/StartCheckout.swift", "Billing/FulfilPurchase.swift", "Billing/OrderFulfilment.swift",
        "Billing/ReconcilePurchases.swift", "Billing/RequireVerifiedEmail.swift", "Billing/RequireBillingAddress.swift",
    ]

    static var appSources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources/App")
    }

    /// The `HTTP` words on the code lines (comments left out) of `text`.
    static func httpWords(in text: String) -> [String] {
        let pattern = /\bRequestContext\b|\bProblem\s*[.(]|:\s*Problem\b|\bRequest\b\s*[,)]/
        return text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .compactMap { line in line.firstMatch(of: pattern).map { String($0.output) } }
    }

    static func useCaseFiles() throws -> [String] {
        var files: [String] = []
        for folder in useCaseFolders {
            let url = appSources.appending(path: folder)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".swift") {
                files.append("\(folder)/\(name)")
            }
        }
        return files.sorted()
    }

    @Test func useCasesNeitherTakeARequestContextNorThrowProblems() throws {
        let files = try Self.useCaseFiles()
        #expect(files.count > 50, "the use-case folders were not found at \(Self.appSources.path)")
        for file in files where !Self.notYetConverted.contains(file) {
            let text = try String(contentsOf: Self.appSources.appending(path: file), encoding: .utf8)
            let words = Self.httpWords(in: text)
            #expect(words.isEmpty, "\(file) speaks HTTP (\(words)): throw a business error, take explicit dependencies")
        }
    }

    @Test func theListOfUnconvertedFilesOnlyShrinks() throws {
        let files = Set(try Self.useCaseFiles())
        for file in Self.notYetConverted.sorted() {
            #expect(files.contains(file), "\(file) is gone: remove it from notYetConverted")
            guard files.contains(file) else { continue }
            let text = try String(contentsOf: Self.appSources.appending(path: file), encoding: .utf8)
            #expect(!Self.httpWords(in: text).isEmpty, "\(file) no longer speaks HTTP: remove it from notYetConverted")
        }
        for file in Self.namedUseCases {
            #expect(files.contains(file) && !Self.notYetConverted.contains(file))
        }
    }

    @Test func theScanFindsWhatItLooksFor() {
        #expect(Self.httpWords(in: "static func f(_ context: RequestContext) {}") == ["RequestContext"])
        #expect(Self.httpWords(in: "throw Problem.conflict(detail: x)") == ["Problem."])
        #expect(Self.httpWords(in: "/// see RequestContext\nlet a = 1").isEmpty)
        #expect(Self.httpWords(in: "throw CheckoutRefusal.emailUnverified").isEmpty)
    }
}
