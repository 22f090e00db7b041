import Domain
import Foundation
import Signing
import Storage
import Web

/// Metered usage (`/api/v1/usage*`, DESIGN §11): ingestion by batch and the current period's usage.
enum UsageRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/usage",
            RouteDocumentation(
                "Report usage: {events:[{id, metric, quantity, occurred_at}]}, 1–1000 events, quantity a decimal "
                    + "string with at most 3 decimals, occurred_at RFC 3339. All or nothing: if any event is invalid "
                    + "(unknown metric, negative or malformed quantity, more than 5 minutes in the future, a closed "
                    + "period) NO event of the batch is stored and the 422 lists every invalid event by its index "
                    + "(pointer /events/{index}/{member}). Idempotent per (company, id): a known id counts as a "
                    + "duplicate and changes nothing. → 202 {accepted, duplicates}.", tag: "usage",
                access: .authenticated, requestBody: "application/json",
                responses: [
                    (202, "Stored: {accepted, duplicates}"), (400, "Malformed JSON"), (401, "Not signed in"),
                    (403, "CSRF token missing"), (413, "Body too large"), (415, "Not JSON"),
                    (422, "Invalid batch or events; nothing stored"),
                ],
                request: .object([
                    "events": .array(
                        .object(["id": .string, "metric": .string, "quantity": .string, "occurred_at": .string]),
                        minimumItems: 1, maximumItems: UsageBatch.maximumEvents)
                ]), response: .object(["accepted": .integer, "duplicates": .integer])),
            handlerAuthenticatesBearer: true, ingest)
        table.add(
            .get, "/api/v1/usage/current",
            RouteDocumentation(
                "Usage of the current period against the plan's included units: {period_start, period_end, plan_id, "
                    + "metrics:[{metric, used, included, overage, overage_cents}]} (quantities as decimal strings). "
                    + "Carries an ETag; If-None-Match with it answers 304 while nothing changed.", tag: "usage",
                access: .authenticated,
                responses: [(200, "Current usage"), (304, "Unchanged"), (401, "Not signed in")],
                response: .object([
                    "period_start": .string, "period_end": .string, "plan_id": APISchema.string.orNull,
                    "metrics": .array(
                        .object([
                            "metric": .string, "used": .string, "included": .string, "overage": .string,
                            "overage_cents": .integer, "currency": .string,
                        ])),
                ])), current)
    }

    /// One database round trip for a valid batch by bearer token: the token's look-up, its write budget (counted,
    /// taking ``Domain/RateLimit/takeAhead`` requests at once, or spent from what this worker took ahead:
    /// ``BudgetTakenAhead``) and, within the budget, the batch in ONE statement and one synchronously committed transaction
    /// (``APITokenStore/resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)`` with
    /// ``UsageStore/ingestAlongWithToken``). Anything else (a session caller, a malformed or invalid batch)
    /// takes the general path: the caller checked first (401, 403, 429), then the body, every invalid event named.
    static func ingest(_ context: RequestContext) throws -> Response {
        if let answer = try ingestByToken(context) { return answer }
        let caller = try context.requireCaller()
        let drafts = try wellFormedDrafts(context)
        let now = Int(Date().timeIntervalSince1970 * 1_000)
        let companyID = caller.principal.companyID.rawValue
        if case .valid(let events) = UsageBatch.validate(drafts, metrics: nil, nowMilliseconds: now, openFrom: nil) {
            return try answer(store(events, companyID: companyID, context), count: drafts.count)
        }
        let metrics = try Set(PlanPriceStore(connection: context.services.database).metrics().map(\.id))
        let outcome = try context.timedDatabase { connection in
            try IngestUsage.run(
                drafts, companyID: companyID, metrics: metrics, nowMilliseconds: now, connection: connection)
        }
        switch outcome {
        case .stored(let accepted, _):
            return try answer(.stored(accepted: accepted), count: drafts.count)
        case .rejected(let rejections):
            return try answer(.refused(rejections), count: drafts.count)
        }
    }

    /// The answer for a bearer request whose batch is well-formed and valid but for the database's checks (metric,
    /// closed period); nil for every other request, which the general path answers.
    static func ingestByToken(_ context: RequestContext) throws -> Response? {
        if case .usage(let prepared) = context.preparedWrite {
            // Stored with the other requests of its worker's group (``UsageGroup``), exactly as the statement below
            // would have stored it for a request taken ahead whose token needs no touch.
            context.preparedWrite = nil
            context.resolvedCaller = Caller(principal: prepared.principal, session: nil, sessionToken: nil)
            context.writeBudgetCounted = true
            context.databaseNanoseconds += prepared.databaseNanoseconds
            context.services.budgetTakenAhead.saw(prepared.digest, lastUsed: prepared.lastUsed)
            return try answer(UsageStore.ingestion(prepared.rows), count: prepared.count)
        }
        guard context.resolvedCaller == nil, let header = context.request.header("authorization"),
            let token = APITokenStore.bearerToken(fromAuthorization: header),
            let drafts = try? wellFormedDrafts(context)
        else { return nil }
        let now = Date()
        guard
            case .valid(let events) = UsageBatch.validate(
                drafts, metrics: nil, nowMilliseconds: Int(now.timeIntervalSince1970 * 1_000), openFrom: nil)
        else { return nil }
        guard let digest = APITokenStore.digest(ofPlausible: token) else {
            throw Problem.unauthorized(detail: "The bearer token is not valid.")
        }
        let limit = context.services.configuration.accountWrites
        let window = limit.windowStart(at: Int(now.timeIntervalSince1970.rounded(.down)))
        let ahead = context.services.budgetTakenAhead
        let take: APITokenStore.BudgetTake =
            ahead.spend(digest, window: window).map { .takenAhead(lastUsed: $0) } ?? .count(requests: limit.takeAhead)
        let resolved = try context.timedDatabase { _ in
            try context.services.accounts.tokens.resolve(
                tokenDigest: digest, now: now, countingUnder: RequestContext.writeBudgetKeyPrefix, limit: limit,
                taking: take, thenWithinBudget: UsageStore.ingestAlongWithToken, UsageStore.ingestBinds(events))
        }
        guard let (principal, budget, rows, lastUsed) = resolved else {
            ahead.keep(digest, window: window, remaining: 0)
            throw Problem.unauthorized(detail: "The bearer token is not valid.")
        }
        context.resolvedCaller = Caller(principal: principal, session: nil, sessionToken: nil)
        context.writeBudgetCounted = true
        switch budget {
        case .took(let requests):
            if requests > 1 {
                ahead.keep(digest, window: window, remaining: requests - 1, lastUsed: lastUsed)
            } else if requests == 0 {
                ahead.saw(digest, lastUsed: lastUsed)
            }
        case .refused(let decision):
            ahead.keep(digest, window: window, remaining: 0)
            try context.refuse(
                decision, limit, key: RequestContext.writeBudgetKeyPrefix + principal.userID.rawValue,
                what: "API writes")
        }
        return try answer(UsageStore.ingestion(rows), count: drafts.count)
    }

    /// The events of the request's batch as drafts: read in one pass when the body has the usual shape (1 to 1000
    /// objects of string members; ``JSON/stringRecords(_:under:members:maximumCount:)``), else parsed and checked
    /// the general way (``drafts(_:)``: 400, 415 and 422 as always). Both give the same drafts for a body both read.
    static func wellFormedDrafts(_ context: RequestContext) throws -> [UsageEventDraft] {
        if context.request.mediaType == "application/json",
            let strings = JSON.stringRecords(
                context.request.body, under: "events", members: ["id", "metric", "quantity", "occurred_at"],
                maximumCount: UsageBatch.maximumEvents)
        {
            return stride(from: 0, to: strings.count, by: 4).map {
                UsageEventDraft(
                    id: strings[$0], metric: strings[$0 + 1], quantity: strings[$0 + 2], occurredAt: strings[$0 + 3])
            }
        }
        return try drafts(try context.jsonObject())
    }

    /// The events of a batch's body as drafts, or the 422 when it is not 1 to 1000 objects.
    static func drafts(_ body: JSONObject) throws -> [UsageEventDraft] {
        guard let list = body["events"]?.arrayValue else {
            throw Problem.unprocessable(
                detail: "events must be an array of 1 to \(UsageBatch.maximumEvents) events.",
                errors: [
                    Web.FieldError(pointer: "/events", detail: "is required and must be an array", code: "required")
                ])
        }
        guard (1...UsageBatch.maximumEvents).contains(list.count) else {
            throw Problem.unprocessable(
                detail: "events must hold 1 to \(UsageBatch.maximumEvents) events; nothing was stored.",
                errors: [
                    Web.FieldError(
                        pointer: "/events", detail: "must hold 1 to \(UsageBatch.maximumEvents) events",
                        code: list.isEmpty ? "empty" : "too_many")
                ])
        }
        var shapeErrors: [Web.FieldError] = []
        let drafts = list.enumerated().map { index, element -> UsageEventDraft in
            guard let event = element.objectValue else {
                shapeErrors.append(
                    Web.FieldError(pointer: "/events/\(index)", detail: "must be an object", code: "type"))
                return UsageEventDraft(id: "", metric: "", quantity: "0", occurredAt: "")
            }
            return UsageEventDraft(
                id: event["id"]?.stringValue, metric: event["metric"]?.stringValue,
                quantity: event["quantity"]?.stringValue, occurredAt: event["occurred_at"]?.stringValue)
        }
        guard shapeErrors.isEmpty else {
            throw Problem.unprocessable(
                detail: "Every event must be an object; nothing was stored.", errors: shapeErrors)
        }
        return drafts
    }

    /// Stores valid `events` in one statement, outside any transaction (its own: durable when it returns).
    static func store(
        _ events: [UsageEvent], companyID: String, _ context: RequestContext
    ) throws
        -> UsageStore.Ingestion
    {
        try context.timedDatabase { connection in
            try UsageStore(connection: connection).ingest(companyID: companyID, events: events)
        }
    }

    /// 202 {accepted, duplicates} for a stored batch of `count` events; the 422 naming every refused event.
    static func answer(_ ingestion: UsageStore.Ingestion, count: Int) throws -> Response {
        switch ingestion {
        case .stored(let accepted):
            return .json(["accepted": JSON(accepted), "duplicates": JSON(count - accepted)], status: .accepted)
                .private()
        case .refused(let rejections):
            var problem = Problem.unprocessable(
                detail: "\(Set(rejections.map(\.index)).count) of \(count) events are invalid; nothing was stored.",
                errors: rejections.map {
                    Web.FieldError(pointer: "/events/\($0.index)/\($0.field)", detail: $0.detail, code: $0.code)
                })
            problem.extensions["invalid_events"] = .array(
                Array(Set(rejections.map(\.index))).sorted().map { JSON($0) })
            throw problem
        }
    }

    static func current(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let usage = try context.timedDatabase { connection in
            try CurrentUsage.read(
                companyID: caller.principal.companyID.rawValue, nowSeconds: Int(Date().timeIntervalSince1970),
                subscription: try SubscriptionPeriod.current(
                    companyID: caller.principal.companyID.rawValue, connection: connection),
                connection: connection)
        }
        let json: JSON = [
            "period_start": .string(usage.period.start.description),
            "period_end": .string(usage.period.end.description),
            "plan_id": JSON(usage.planID),
            "metrics": .array(
                usage.lines.map { line in
                    [
                        "metric": .string(line.metric), "used": .string(line.used.description),
                        "included": .string(line.included.description), "overage": .string(line.overage.description),
                        "overage_cents": JSON(line.overageAmount.cents),
                        "currency": .string(line.overageAmount.currency.code),
                    ]
                }),
        ]
        let body = json.serialized()
        let tag = "\"" + String(Hex.encode(SHA256.hash(body)).prefix(32)) + "\""
        var response: Response
        if let presented = context.request.header("if-none-match"),
            presented.split(separator: ",").contains(where: { $0.trimmedWhitespace == tag })
        {
            response = Response(status: .notModified)
        } else {
            response = Response(status: .ok, body: body)
            response.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        }
        response.headers.replaceOrAdd(name: "ETag", value: tag)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "private, no-cache")
        return response
    }
}
