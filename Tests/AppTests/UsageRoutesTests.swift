import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// `POST /api/v1/usage` and `GET /api/v1/usage/current` against a real PostgreSQL.
@Suite(.serialized) struct UsageRoutesTests {
    /// A signed-in buyer with a bearer token of its own.
    static func apiClient(_ harness: BillingHarness, _ email: String) -> (session: TestClient, api: TestClient) {
        let session = harness.buyer(email)
        let created = session.send("POST", "/api/v1/auth/tokens", json: ["name": "meter"])
        let api = TestClient(harness.application)
        api.bearer = created.json["token"]?.stringValue
        return (session, api)
    }

    static func event(
        _ id: String, _ quantity: String, at: String? = nil, metric: String = "assistant_minutes"
    )
        -> JSON
    {
        let moment = at ?? Self.iso(Date().addingTimeInterval(-60))
        return [
            "id": .string(id), "metric": .string(metric), "quantity": .string(quantity), "occurred_at": .string(moment),
        ]
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func companyID(_ client: TestClient) -> String {
        client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue ?? ""
    }

    @Test func ingestsBatchesOnceAndAggregates() throws {
        let harness = try BillingHarness()
        let (session, api) = Self.apiClient(harness, "meter@example.com")
        let batch: JSON = ["events": .array((1...5).map { Self.event("call-\($0)", "5") })]
        let first = api.send("POST", "/api/v1/usage", json: batch)
        #expect(first.status == .accepted)
        #expect(first.json["accepted"] == 5)
        #expect(first.json["duplicates"] == 0)
        // A replay counts nothing.
        let replay = api.send("POST", "/api/v1/usage", json: batch)
        #expect(replay.status == .accepted)
        #expect(replay.json["accepted"] == 0)
        #expect(replay.json["duplicates"] == 5)
        // Duplicates within one batch count once.
        let twice = api.send(
            "POST", "/api/v1/usage", json: ["events": [Self.event("x-1", "0.125"), Self.event("x-1", "0.125")]])
        #expect(twice.json["accepted"] == 1)
        #expect(twice.json["duplicates"] == 1)

        let current = session.send("GET", "/api/v1/usage/current")
        #expect(current.status == .ok)
        let minutes = current.json["metrics"]?.arrayValue?.first { $0["metric"] == "assistant_minutes" }
        #expect(minutes?["used"] == "25.125")
        #expect(minutes?["included"] == "0")
        let store = UsageStore(connection: harness.database.connect())
        #expect(try store.eventCount(companyID: Self.companyID(session)) == 6)

        // ETag: unchanged → 304; after new usage → 200 with a new tag.
        let tag = try #require(current.headers["ETag"])
        #expect(session.send("GET", "/api/v1/usage/current", headers: ["If-None-Match": tag]).status == .notModified)
        api.send("POST", "/api/v1/usage", json: ["events": [Self.event("call-6", "1")]])
        let changed = session.send("GET", "/api/v1/usage/current", headers: ["If-None-Match": tag])
        #expect(changed.status == .ok)
        #expect(changed.headers["ETag"] != tag)
    }

    @Test func aMixedBatchStoresNothingAndNamesEveryBadEvent() throws {
        let harness = try BillingHarness()
        let (session, api) = Self.apiClient(harness, "mixed@example.com")
        let future = Self.iso(Date().addingTimeInterval(600))
        let response = api.send(
            "POST", "/api/v1/usage",
            json: [
                "events": [
                    Self.event("ok-1", "5"), Self.event("bad-1", "-1"), Self.event("bad-2", "1", metric: "unknown"),
                    Self.event("bad-3", "1.2345"), Self.event("bad-4", "1", at: future),
                    Self.event("bad-5", "abc"), Self.event("ok-2", "1"),
                ]
            ])
        #expect(response.status == .unprocessableContent)
        let pointers = response.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []
        #expect(
            pointers == [
                "/events/1/quantity", "/events/2/metric", "/events/3/quantity", "/events/4/occurred_at",
                "/events/5/quantity",
            ])
        #expect(response.json["invalid_events"] == [1, 2, 3, 4, 5])
        #expect(
            try UsageStore(connection: harness.database.connect()).eventCount(companyID: Self.companyID(session)) == 0)
    }

    static let badShapes: [(JSON, String)] = {
        let at: JSON = "2026-01-01T00:00:00Z"
        var cases: [(JSON, String)] = []
        cases.append((["events": []], "/events"))
        cases.append((["events": "nope"], "/events"))
        cases.append((["other": 1], "/events"))
        cases.append((["events": [1]], "/events/0"))
        let numericID: JSON = ["id": 7, "metric": "assistant_minutes", "quantity": "1", "occurred_at": at]
        cases.append((["events": [numericID]], "/events/0/id"))
        let numericQuantity: JSON = ["id": "a", "metric": "assistant_minutes", "quantity": 1, "occurred_at": at]
        cases.append((["events": [numericQuantity]], "/events/0/quantity"))
        return cases
    }()

    @Test(arguments: badShapes)
    func badShapesAreRefused(body: JSON, pointer: String) throws {
        let harness = try BillingHarness()
        let (_, api) = Self.apiClient(harness, "shape@example.com")
        let response = api.send("POST", "/api/v1/usage", json: body)
        #expect(response.status == .unprocessableContent)
        #expect(response.json["errors"]?[0]?["pointer"]?.stringValue == pointer)
    }

    @Test func limitsAndAuthentication() throws {
        let harness = try BillingHarness()
        let (session, api) = Self.apiClient(harness, "limits@example.com")
        let tooMany: JSON = ["events": .array((0...1000).map { Self.event("e\($0)", "1") })]
        let refused = api.send("POST", "/api/v1/usage", json: tooMany)
        #expect(refused.status == .unprocessableContent)
        #expect(refused.json["errors"]?[0]?["code"] == "too_many")
        let full: JSON = ["events": .array((0..<1000).map { Self.event("e\($0)", "0.001") })]
        #expect(api.send("POST", "/api/v1/usage", json: full).json["accepted"] == 1000)
        #expect(TestClient(harness.application).send("POST", "/api/v1/usage", json: full).status == .unauthorized)
        // A session write needs the CSRF token.
        #expect(session.send("POST", "/api/v1/usage", json: full, csrf: false).status == .forbidden)
        #expect(api.send("POST", "/api/v1/usage", form: "events=1").status == .unsupportedMediaType)
    }

    @Test func closedPeriodsRefuseLateEvents() throws {
        let harness = try BillingHarness()
        let (session, api) = Self.apiClient(harness, "closed@example.com")
        let connection = harness.database.connect()
        try connection.transaction { connection in
            let store = UsageStore(connection: connection)
            try store.lockForClosing(companyID: Self.companyID(session))
            try store.close(
                companyID: Self.companyID(session), before: .init(secondsSinceEpoch: Int(Date().timeIntervalSince1970)))
        }
        let late = api.send(
            "POST", "/api/v1/usage",
            json: ["events": [Self.event("late", "1", at: Self.iso(Date().addingTimeInterval(-86_400 * 2)))]])
        #expect(late.status == .unprocessableContent)
        #expect(late.json["errors"]?[0]?["code"] == "closed_period")
    }

    @Test func companiesNeverSeeEachOthersUsage() throws {
        let harness = try BillingHarness()
        let (_, first) = Self.apiClient(harness, "first@example.com")
        let (secondSession, second) = Self.apiClient(harness, "second@example.com")
        first.send("POST", "/api/v1/usage", json: ["events": [Self.event("same-id", "7")]])
        // The same event id is independent per company.
        #expect(
            second.send("POST", "/api/v1/usage", json: ["events": [Self.event("same-id", "2")]]).json["accepted"] == 1)
        let minutes = secondSession.send("GET", "/api/v1/usage/current").json["metrics"]?[0]
        #expect(minutes?["used"] == "2")
    }
}
