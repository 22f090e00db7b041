import Domain
import Foundation
import Logging
import Storage
import Web

extension RequestContext {
    /// Counts this request against `limit` under `key` (exactly, in PostgreSQL).
    ///
    /// - Throws: ``Problem`` 429 with `Retry-After` when the budget of the current window is spent.
    func enforce(_ limit: RateLimit, key: String, what: String) throws {
        let decision = try timedDatabase { connection in
            try RateLimitStore(connection: connection).hit(key, limit: limit, now: Date())
        }
        guard case .retryAfter(let seconds) = decision else { return }
        logger.notice("rate limited", metadata: ["rate_limit.key": "\(key)", "rate_limit.retry_after": "\(seconds)"])
        var problem = Problem.tooManyRequests(retryAfter: seconds)
        problem.detail =
            "Too many \(what) (at most \(limit.limit) in \(limit.window) seconds). Try again in \(seconds) seconds."
        throw problem
    }

    /// The budget of API writes of the signed-in account (issue #17): every unsafe method under `/api/`.
    func enforceWriteBudget(of caller: Caller) throws {
        guard !request.method.isSafe, request.path.hasPrefix("/api/"), !writeBudgetCounted else { return }
        writeBudgetCounted = true
        try enforce(
            services.configuration.accountWrites, key: "write:user:\(caller.principal.userID.rawValue)",
            what: "API writes")
    }
}
