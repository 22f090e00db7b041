import Foundation
import Web

@testable import App

/// How a ``TestClient`` reaches the application.
enum Transport: String, CaseIterable, Sendable {
    /// Calls ``Application/respond(parameters:body:bodyTooLarge:routed:)`` directly.
    case inProcess
    /// Over a real FastCGI socket to a real ``WorkerLoop`` (``LiveWorker``).
    case fastCGI
}

/// Drives an ``Application`` like a browser or API client — in-process, or over a real FastCGI socket to a real
/// worker loop (``Transport``): keeps the session cookie and the CSRF token, sends JSON. A test taking
/// `@Test(arguments: Transport.allCases)` runs the same body both ways.
final class TestClient {
    let application: Application
    /// The worker the requests go through (``Transport/fastCGI``), or nil (in-process).
    private(set) var worker: LiveWorker?
    var cookie: String?
    var csrfToken: String?
    var bearer: String?
    var address = "203.0.113.7"
    /// The TOTP secret a staff client enrolled (`StaffClient.swift`).
    var totpSecret: [UInt8] = []

    init(_ application: Application) {
        self.application = application
    }

    /// A client that reaches `application` over `transport`.
    convenience init(_ application: Application, over transport: Transport) throws {
        self.init(application)
        if transport == .fastCGI { worker = try LiveWorker(application: application) }
    }

    /// Sends a request; `json` becomes the body with `Content-Type: application/json`.
    @discardableResult
    func send(
        _ method: String, _ uri: String, json: JSON? = nil, form: String? = nil, csrf: Bool = true,
        headers extra: [String: String] = [:]
    ) -> Response {
        var headers = extra
        if let cookie { headers["Cookie"] = cookie }
        if let bearer { headers["Authorization"] = "Bearer \(bearer)" }
        if csrf, let csrfToken, method != "GET" { headers["X-CSRF-Token"] = csrfToken }
        let body = json.map { $0.serialized() } ?? form.map { Array($0.utf8) } ?? []
        let type = json != nil ? "application/json" : form != nil ? "application/x-www-form-urlencoded" : nil
        var parameters = TestApplication.parameters(
            method, uri, headers: headers, contentType: type, contentLength: body.isEmpty ? nil : body.count)
        parameters["REMOTE_ADDR"] = address
        let response: Response
        if let worker {
            // A transport failure answers 599, which no assertion on a real status accepts.
            response = (try? worker.send(parameters: parameters, body: body)) ?? Response(status: HTTPStatus(code: 599))
        } else {
            response = application.respond(parameters: parameters, body: body, bodyTooLarge: false).response
        }
        for value in response.headers.values(for: "Set-Cookie") {
            let pair = String(value.split(separator: ";")[0])
            cookie = pair.hasSuffix("=") ? nil : pair
        }
        if let token = (try? JSON.parse(response.body))?["csrf_token"]?.stringValue { csrfToken = token }
        return response
    }

    /// Registers a company with its owner and keeps the session.
    @discardableResult
    /// Registers through the API; with `address: false` without the billing address (buying is refused then).
    func register(
        email: String, company: String = "Muster GmbH", country: String = "DE", vatId: String? = nil,
        address: Bool = true
    )
        -> Response
    {
        var body: JSON = [
            "email": .string(email), "password": "correct horse battery", "company_name": .string(company),
            "country": .string(country), "vat_id": JSON(vatId),
        ]
        if address, case .object(var object) = body {
            object["billing_address"] = ["street": "Hauptstraße 1", "postal_code": "10115", "city": "Berlin"]
            body = .object(object)
        }
        return send("POST", "/api/v1/auth/register", json: body)
    }
}

extension Response {
    /// The body as JSON (`.null` when it is not JSON).
    var json: JSON { (try? JSON.parse(body)) ?? .null }
}
