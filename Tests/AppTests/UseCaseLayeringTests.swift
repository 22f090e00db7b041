import Foundation
import Testing

/// Use cases do not speak HTTP (issue 9 item 1): every folder of `App` is classified as use cases, HTTP or
/// infrastructure, and a file in a use-case folder neither takes a
/// `RequestContext` nor builds or throws a `Problem` — it throws business errors, and `ErrorResponses` turns
/// them into HTTP through `ProblemConvertible` (conformances in `App/HTTP/Problems`). Reading `Web`'s `JSON`
/// type is allowed. ``notYetConverted`` lists files that still do it (none now); the list may only shrink.
@Suite struct UseCaseLayeringTests {
    /// The folders of `Sources/App` that hold use cases: no HTTP in them.
    static let useCaseFolders = [
        "Auth/SecondFactor", "Backoffice", "Billing", "BillingRun", "Incidents", "Invoicing", "Mail", "Privacy",
        "Referrals", "SelfService", "Subscriptions", "Support", "Team", "Usage",
    ]

    /// The HTTP side: the request context, the route table, routes and pages, and the one place errors
    /// become problems (`HTTP/Problems`).
    static let httpFolders = ["Auth", "HTTP", "HTTP/Problems", "Routes", "Site"]

    /// Start-up and processes: commands, configuration, database set-up, logging, the worker loop. They
    /// neither hold use cases nor answer requests.
    static let infrastructureFolders = ["Commands", "Configuration", "Database", "Logging", "Worker"]

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

    /// Every folder of `Sources/App`, relative to it.
    static func appFolders() -> [String] {
        let enumerator = FileManager.default.enumerator(
            at: appSources, includingPropertiesForKeys: [.isDirectoryKey])
        var folders: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true else { continue }
            folders.append(
                String(url.standardizedFileURL.path.dropFirst(appSources.standardizedFileURL.path.count + 1)))
        }
        return folders.sorted()
    }

    @Test func everyFolderOfTheAppIsClassified() {
        let folders = Self.appFolders()
        #expect(folders.count > 20, "the folders of Sources/App were not found at \(Self.appSources.path)")
        let classified = Self.useCaseFolders + Self.httpFolders + Self.infrastructureFolders
        for folder in folders {
            #expect(
                classified.filter { $0 == folder }.count == 1,
                "Sources/App/\(folder) must be in exactly one of useCaseFolders, httpFolders, infrastructureFolders")
        }
        for folder in classified {
            #expect(folders.contains(folder), "Sources/App/\(folder) is gone: remove it from its list")
        }
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
