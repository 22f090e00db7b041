import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe

/// `codezero billing run [--as-of T]`: closes every subscription period that has ended, like the jobs process
/// does continuously. `--as-of` (RFC 3339 or seconds since 1970) moves the clock and is refused outside
/// development. Each period's invoice is charged (PaymentIntent per invoice) and the dunning retries due by then
/// are started. Exit 0 when every due period was closed and charged, 70 when some failed (they stay due or
/// queued for the next run), 69 without a database, 64 on a usage error.
enum BillingCommand {
    static func run(configuration: Configuration, asOf value: String?) -> Int32 {
        var asOf = Int(Date().timeIntervalSince1970)
        if let value {
            guard configuration.environment == .development else {
                Console.err(
                    "codezero: --as-of moves the billing clock and is only allowed with CODEZERO_ENV=development")
                return 64
            }
            guard let parsed = RFC3339Timestamp.milliseconds(value).map({ $0 / 1_000 }) ?? Int(value) else {
                Console.err("codezero: --as-of must be an RFC 3339 date-time or seconds since 1970")
                return 64
            }
            asOf = parsed
        }
        let logger = Logger(label: "codezero.billing")
        let connection = DatabaseTarget(configuration: configuration).connect(application: "codezero-billing")
        defer { connection.close() }
        let started = Date()
        do {
            let billing = BillingServices(configuration: configuration, logger: logger)
            let report = try BillingRun.make(
                configuration: configuration, gateway: { () throws(StripeError) in try billing.gateway() },
                connection: connection, logger: logger
            ).run(
                asOf: asOf, trigger: "command", retries: true,
                progress: { Console.err("codezero: billing run \($0.runID): \($0.closed) periods closed so far") })
            let seconds = Date().timeIntervalSince(started)
            Console.out(
                "billing run \(report.runID): closed \(report.closed), failed \(report.failed), "
                    + "still due \(report.remaining), charged \(report.charged), uncharged \(report.uncharged), "
                    + "retries started \(report.retriesStarted), \(String(format: "%.1f", seconds)) s")
            return report.failed == 0 && report.chargeErrors == 0 ? 0 : 70
        } catch {
            Console.err("codezero: billing run failed: \(String(reflecting: error))")
            return connection.isConnected ? 70 : 69
        }
    }
}
