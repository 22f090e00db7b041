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
        try refuse(decision, limit, key: key, what: what)
    }

    /// Throws the 429 for a `decision` of `limit` under `key` that says retry later (logged); nothing when allowed.
    func refuse(_ decision: RateLimit.Decision, _ limit: RateLimit, key: String, what: String) throws {
        guard case .retryAfter(let seconds) = decision else { return }
        logger.notice("rate limited", metadata: ["rate_limit.key": "\(key)", "rate_limit.retry_after": "\(seconds)"])
        var problem = Problem.tooManyRequests(retryAfter: seconds)
        problem.detail =
            "Too many \(what) (at most \(limit.limit) in \(limit.window) seconds). Try again in \(seconds) seconds."
        throw problem
    }

    /// The key prefix of the API write budget (the user's id follows).
    static let writeBudgetKeyPrefix = "write:user:"

    /// The budget of API writes of the signed-in account (issue #17): every unsafe method under `/api/`.
    func enforceWriteBudget(of caller: Caller) throws {
        guard !request.method.isSafe, request.path.hasPrefix("/api/"), !writeBudgetCounted else { return }
        writeBudgetCounted = true
        try enforce(
            services.configuration.accountWrites, key: Self.writeBudgetKeyPrefix + caller.principal.userID.rawValue,
            what: "API writes")
    }
}
