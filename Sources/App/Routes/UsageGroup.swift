import Domain
import FastCGI
import Foundation
import Postgres
import Storage
import Web

/// A usage batch stored with the other requests of its worker's group (``UsageGroup``), for its handler to answer.
struct PreparedIngestion {
    /// The SHA-256 of the request's bearer token.
    let digest: [UInt8]
    /// The token's principal.
    let principal: Principal
    /// The rows `ingest_usage` answered for this request (``Storage/UsageStore/ingestion(_:)``).
    let rows: [PostgresRow]
    /// The token's last-used time as now known (seconds).
    let lastUsed: Double
    /// The number of events in the request's batch.
    let count: Int
    /// This request's share of the group statement's time in the database.
    let databaseNanoseconds: Int64
}

/// Single usage events that arrive together, stored together (issue #11, ``RequestGroup``): one statement, one
/// transaction and one synchronous commit for the batches of several `POST /api/v1/usage` requests that a worker holds
/// at once. The bearer requests among them whose batches are well-formed and valid but for the database's checks, whose
/// write budget this worker took ahead and whose tokens need no touch — what
/// ``UsageRoutes/ingestByToken(_:)`` would store with ``Storage/APITokenStore/BudgetTake/takenAhead(lastUsed:)`` and
/// the look-up-only statement — are stored here in ONE statement
/// (``Storage/APITokenStore/resolveEach(_:thenEach:_:)`` with ``Storage/UsageStore/ingestForEachToken``): each token
/// looked up, each batch all or nothing by `ingest_usage` as alone. Each request is then answered through the
/// application as usual, its handler taking the stored outcome (``RequestContext/preparedWrite``); every other
/// request of the group — another route, a session caller, an invalid batch, a token that did not resolve, a budget
/// to count — takes the usual way after them.
///
/// Per event this saves the statement's and the commit's fixed costs: with 64 clients each sending one event a
/// request, PostgreSQL spent ~300 µs of CPU a request alone (README "Plans and metered usage").
///
/// When the group's statement fails, nothing of it was stored (one transaction) unless the connection broke after
/// the commit; each request then takes the usual way, which stores its batch once — a batch already stored counts as
/// duplicates there, never twice.
enum UsageGroup {
    private static let path = Array("/api/v1/usage".utf8)

    /// The most events a group stores: its requests join in order while their events fit. Grouping pays for small
    /// batches, whose cost is the request's; a batch of a hundred is already its own group, and storing more at once
    /// only makes the first answer wait for the others (batches of 100 offered at 50,000 events/s: p99 23.7 ms alone,
    /// up to 49.2 ms when sixteen were stored together).
    static let maximumEvents = 100

    /// The largest body of a request that starts a group (about 30 events). A worker that starts one holds the
    /// requests waiting beside it and answers those the group cannot take itself, one after another, which idle
    /// workers would have answered at once: worth it for a small batch, whose cost is the request's, not for a large
    /// one (batches of 100 offered at 50,000 events/s, each starting a group its neighbours could not join: p99 34.5
    /// and 80.7 ms in two runs against 23.7–27.3 ms when they were not held).
    static let largestStartingBody = 4_096

    /// Whether a request with this request line may start a group: `POST /api/v1/usage` exactly, with a declared body
    /// of at most ``largestStartingBody`` bytes.
    static func mayStart(_ line: CGIRequestLine) -> Bool {
        guard RequestGroup.isPost(line, to: path),
            let length = FastCGIResponder.contentLength(line.contentLength)
        else { return false }
        return length <= largestStartingBody
    }

    /// The batches of `requests` that can be stored together, stored in one statement when there are at least two;
    /// one entry per request, nil for each that takes the usual way (all of them when fewer than two can be grouped
    /// or the statement fails).
    static func prepare(_ requests: [Request?], services: Services) -> [PreparedIngestion?] {
        var prepared = [PreparedIngestion?](repeating: nil, count: requests.count)
        let now = Date()
        let nowSeconds = now.timeIntervalSince1970
        let nowMilliseconds = Int(nowSeconds * 1_000)
        let limit = services.configuration.accountWrites
        let window = limit.windowStart(at: Int(nowSeconds.rounded(.down)))
        let dueBefore = nowSeconds - Double(services.accounts.tokens.touchInterval)
        let ahead = services.budgetTakenAhead
        var members: [(index: Int, digest: [UInt8], events: [UsageEvent])] = []
        var spending: [[UInt8]: Int] = [:]
        var eventCount = 0
        for (index, request) in requests.enumerated() {
            guard let request, let events = groupable(request, nowMilliseconds: nowMilliseconds),
                eventCount + events.batch.count <= maximumEvents, let digest = events.digest,
                ahead.freshRemaining(digest, window: window, dueBefore: dueBefore) > spending[digest, default: 0]
            else { continue }
            spending[digest, default: 0] += 1
            eventCount += events.batch.count
            members.append((index, digest, events.batch))
        }
        guard members.count >= 2 else { return prepared }
        var seen: [[UInt8]: Double] = [:]
        for member in members {
            // Cannot fail: counted above against what is kept, in the same window.
            seen[member.digest] = ahead.spend(member.digest, window: window)
        }
        var events: [UsageEvent] = []
        var eachRequest: [APITokenStore.EachRequest] = []
        for member in members {
            eachRequest.append(
                APITokenStore.EachRequest(
                    tokenDigest: member.digest, first: events.count + 1, count: member.events.count))
            events.append(contentsOf: member.events)
        }
        guard
            let (resolved, share) = RequestGroup.together(
                "usage", count: members.count, services: services,
                {
                    try services.accounts.tokens.resolveEach(
                        eachRequest, thenEach: UsageStore.ingestForEachToken, UsageStore.ingestBinds(events))
                })
        else { return prepared }
        for (position, member) in members.enumerated() {
            guard let found = resolved[position] else { continue }
            let seenLastUsed = seen[member.digest] ?? 0
            prepared[member.index] = PreparedIngestion(
                digest: member.digest, principal: found.principal, rows: found.rows,
                lastUsed: max(found.storedLastUsed ?? seenLastUsed, seenLastUsed), count: member.events.count,
                databaseNanoseconds: share)
        }
        return prepared
    }

    /// The token digest and valid batch of a request the group can store: a `POST /api/v1/usage` with a plausible
    /// bearer token and a JSON body of the usual shape whose events are valid but for the database's checks (what
    /// ``UsageRoutes/ingestByToken(_:)`` stores in its one statement); nil otherwise.
    private static func groupable(
        _ request: Request, nowMilliseconds: Int
    ) -> (digest: [UInt8]?, batch: [UsageEvent])? {
        guard request.method == .post, request.path == "/api/v1/usage", request.mediaType == "application/json",
            let header = request.header("authorization"),
            let token = APITokenStore.bearerToken(fromAuthorization: header),
            let strings = JSON.stringRecords(
                request.body, under: "events", members: ["id", "metric", "quantity", "occurred_at"],
                maximumCount: UsageBatch.maximumEvents)
        else { return nil }
        let drafts = stride(from: 0, to: strings.count, by: 4).map {
            UsageEventDraft(
                id: strings[$0], metric: strings[$0 + 1], quantity: strings[$0 + 2], occurredAt: strings[$0 + 3])
        }
        guard
            case .valid(let events) = UsageBatch.validate(
                drafts, metrics: nil, nowMilliseconds: nowMilliseconds, openFrom: nil)
        else { return nil }
        return (APITokenStore.digest(ofPlausible: token), events)
    }
}
