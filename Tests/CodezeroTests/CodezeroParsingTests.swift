import App
import ArgumentParser
import ProcessManager
import Stripe
import Testing

@testable import codezero

/// The command line parses into the same invocations the old hand-written parser produced, and refuses
/// everything else as a usage error (64) before any configuration is read.
@Suite struct CodezeroParsingTests {
    static func invocation(_ arguments: [String]) throws -> Invocation? {
        (try Codezero.parseAsRoot(arguments) as? any InvocationCommand)?.invocation
    }

    /// The exit status a command line ends with when parsing (or a group without subcommand) refuses it.
    static func refusal(_ arguments: [String]) -> Int32? {
        do {
            var command = try Codezero.parseAsRoot(arguments)
            if command is any InvocationCommand { return nil }
            try command.run()
            return nil
        } catch {
            return Codezero.exitCode(for: error).rawValue
        }
    }

    static let accepted: [([String], Invocation)] = [
        (["serve"], .serve),
        (["worker"], .worker),
        (["jobs"], .jobs),
        (["check-config"], .checkConfig),
        (["migrate"], .migrate(.apply)),
        (["migrate", "--status"], .migrate(.status)),
        (["migrate", "--verify"], .migrate(.verify)),
        (["db", "start"], .database(.start)),
        (["db", "stop"], .database(.stop)),
        (["db", "status"], .database(.status)),
        (["db", "url"], .database(.url)),
        (["db", "backup"], .database(.backup)),
        (
            ["db", "restore", "/var/b", "2026-12-06 05:30:00+00", "/srv/r"],
            .database(.restore(backup: "/var/b", time: "2026-12-06 05:30:00+00", directory: "/srv/r"))
        ),
        (["status"], .status(format: .text, full: false)),
        (["status", "--json"], .status(format: .json, full: false)),
        (["status", "--json", "--full"], .status(format: .json, full: true)),
        (["status", "--full", "--openmetrics"], .status(format: .openMetrics, full: true)),
        (
            ["user", "create", "--role", "admin", "--email", "a@example.com"],
            .createUser(role: "admin", email: "a@example.com")
        ),
        (
            ["user", "create", "--email", "f@example.com", "--role", "finance"],
            .createUser(role: "finance", email: "f@example.com")
        ),
        (["billing", "run"], .billingRun(asOf: nil)),
        (["billing", "run", "--as-of", "2026-12-31T00:00:00Z"], .billingRun(asOf: "2026-12-31T00:00:00Z")),
        (
            ["trigger", "checkout.session.completed", "--session", "cs_1"],
            .trigger(.init(type: .checkoutSessionCompleted, sessionID: "cs_1"))
        ),
        (
            [
                "trigger", "checkout.session.async_payment_failed", "--session", "cs_2", "--purchase", "p-1",
                "--amount", "1999", "--payment-status", "unpaid", "--currency", "usd", "--url", "https://x/hook",
            ],
            .trigger(
                .init(
                    type: .checkoutSessionAsyncPaymentFailed, sessionID: "cs_2", purchaseID: "p-1", amountCents: 1999,
                    currency: "usd", paymentStatus: .unpaid, url: "https://x/hook"))
        ),
    ]

    @Test(arguments: accepted)
    func everyDocumentedCommandLineParses(arguments: [String], expected: Invocation) throws {
        #expect(try Self.invocation(arguments) == expected)
    }

    static let usageErrors: [[String]] = [
        [],
        ["nonsense"],
        ["serve", "extra"],
        ["status", "--json", "--openmetrics"],
        ["status", "json"],
        ["migrate", "--status", "--verify"],
        ["migrate", "--apply"],
        ["db"],
        ["db", "drop"],
        ["db", "restore", "/var/b", "2026-12-06"],
        ["user"],
        ["user", "create", "--role", "admin"],
        ["user", "create", "--role", "admin", "--email"],
        ["user", "delete", "--email", "a@example.com"],
        ["billing"],
        ["billing", "run", "--as-of"],
        ["billing", "run", "--since", "2026-01-01"],
        ["trigger"],
        ["trigger", "checkout.session.completed"],
        ["trigger", "charge.unknown", "--session", "cs_1"],
        ["trigger", "checkout.session.completed", "--session", "cs_1", "--amount", "12.5"],
        ["trigger", "checkout.session.completed", "--session", "cs_1", "--payment-status", "maybe"],
    ]

    @Test(arguments: usageErrors)
    func aWrongCommandLineIsAUsageError(arguments: [String]) {
        #expect(Self.refusal(arguments) == 64)
    }

    @Test(arguments: [["--help"], ["-h"], ["help"], ["help", "db"], ["db", "--help"], ["status", "--help"]])
    func helpIsASuccess(arguments: [String]) {
        #expect(Self.refusal(arguments) == 0)
    }

    @Test func theHelpNamesEverySubcommandAndItsOptions() {
        let root = Codezero.helpMessage()
        for name in [
            "serve", "worker", "jobs", "trigger", "migrate", "db", "check-config", "status", "user", "billing",
        ] {
            #expect(root.contains("  \(name)"), "\(name) missing from the help")
        }
        let status = Codezero.helpMessage(for: Status.self)
        for flag in ["--text", "--json", "--openmetrics", "--full"] { #expect(status.contains(flag)) }
        let trigger = Codezero.helpMessage(for: Trigger.self)
        #expect(trigger.contains("checkout.session.completed") && trigger.contains("--payment-status"))
    }
}
