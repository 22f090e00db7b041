import Foundation
import TestSupport
import Testing

/// The real `codezero` executable: exit statuses and where help and errors are written.
@Suite struct CodezeroProcessTests {
    /// The `codezero` executable `swift build` put next to the tests.
    static var executable: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/codezero").path
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `codezero arguments` with exactly `environment` (nothing inherited) in a fresh directory.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("codezero-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readToEndResumingInterrupts()
        let errorData = errors.fileHandleForReading.readToEndResumingInterrupts()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }

    @Test func helpGoesToStandardOutputWithStatusZero() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("USAGE: codezero <subcommand>") && help.output.contains("check-config"))
        #expect(try Self.run(["help", "status"]).output.contains("--openmetrics"))
    }

    @Test(arguments: [[], ["serve", "--workers", "4"], ["status", "--json", "--openmetrics"], ["db"]])
    func usageErrorsExit64OnStandardErrorBeforeTheConfigurationIsRead(arguments: [String]) throws {
        // CODEZERO_WORKERS=0 is invalid: a usage error must win over it (exit 64, not 78).
        let outcome = try Self.run(arguments, environment: ["CODEZERO_WORKERS": "0"])
        #expect(outcome.status == 64)
        #expect(outcome.output.isEmpty)
        #expect(outcome.errors.contains("Usage: codezero"))
    }

    @Test func anInvalidConfigurationExits78NamingTheKey() throws {
        let serve = try Self.run(["serve"], environment: ["CODEZERO_ENV": "development", "CODEZERO_WORKERS": "0"])
        #expect(serve.status == 78)
        #expect(serve.errors.contains("CODEZERO_WORKERS"))
        let check = try Self.run(["check-config"], environment: ["CODEZERO_ENV": "production"])
        #expect(check.status == 78)
        #expect(check.errors.contains("STRIPE_SECRET_KEY"))
    }
}
