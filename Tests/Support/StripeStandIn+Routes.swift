import Foundation
import Signing
import Web

extension StripeStandIn {
    /// Records, applies a pending fault, authenticates, then routes.
    func handle(_ incoming: StripeStandInHTTP.Incoming) -> StripeStandInHTTP.Reply {
        let parts = incoming.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let request = StripeStandInRequest(
            method: incoming.method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
            headers: incoming.headers, body: String(decoding: incoming.body, as: UTF8.self))
        let fault: StripeStandInFault? = lock.withLock {
            recorded.append(request)
            counter += 1
            return faults.isEmpty ? nil : faults.removeFirst()
        }
        switch fault {
        case .status(let status, let shouldRetry)?:
            var reply = error(status, type: "api_error", message: "An unknown error occurred (stand-in fault).")
            if case .respond(let code, var headers, let body) = reply, let shouldRetry {
                headers.append(("Stripe-Should-Retry", shouldRetry ? "true" : "false"))
                reply = .respond(status: code, headers: headers, body: body)
            }
            return reply
        case .closeConnection?:
            return .close
        case .hang(let seconds)?:
            Thread.sleep(forTimeInterval: seconds)
        case nil:
            break
        }
        guard request.header("authorization") == "Bearer \(secretKey)" else {
            return error(401, type: "invalid_request_error", message: "Invalid API Key provided.")
        }
        guard request.header("stripe-version") == apiVersion else {
            return error(400, type: "invalid_request_error", message: "Stripe-Version must be \(apiVersion).")
        }
        return route(request)
    }

    private func route(_ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.count) {
        case ("POST", 3) where segments == ["v1", "checkout", "sessions"]:
            return idempotent(request) { create(request) }
        case ("GET", 4) where segments.starts(with: ["v1", "checkout", "sessions"]):
            if let bad = unknownExpandParameter(request.query) { return unknownParameter(bad) }
            return sessionReply(segments[3])
        case ("POST", 5) where segments.starts(with: ["v1", "checkout", "sessions"]) && segments[4] == "expire":
            return idempotent(request) { expire(segments[3], request) }
        case ("POST", 2) where segments[1] == "customers":
            return idempotent(request) { createCustomer(request) }
        case ("POST", 2) where segments[1] == "refunds":
            return idempotent(request) { createRefund(request) }
        case ("POST", 2) where segments[1] == "payment_intents":
            return idempotent(request) { createPaymentIntent(request) }
        case ("GET", 3) where segments[1] == "payment_intents" || segments[1] == "setup_intents":
            if let bad = unknownExpandParameter(request.query) { return unknownParameter(bad) }
            return objectReply(segments[2], kind: segments[1] == "payment_intents" ? "payment_intent" : "setup_intent")
        default:
            return error(
                404, type: "invalid_request_error",
                message: "Unrecognized request URL (\(request.method): \(request.path)).")
        }
    }

    /// Replays or stores the response under the request's `Idempotency-Key`.
    func idempotent(
        _ request: StripeStandInRequest, _ execute: () -> StripeStandInHTTP.Reply
    ) -> StripeStandInHTTP.Reply {
        guard let key = request.header("idempotency-key") else { return execute() }
        let fingerprint = request.method + " " + request.path + "\n" + request.body
        let earlier = lock.withLock { replays[key] }
        if let earlier {
            guard earlier.fingerprint == fingerprint else {
                return error(
                    400, type: "idempotency_error",
                    message:
                        "Keys for idempotent requests can only be used with the same parameters they were first used with."
                )
            }
            return .respond(
                status: earlier.status, headers: headers() + [("Idempotent-Replayed", "true")], body: earlier.body)
        }
        let reply = execute()
        if case .respond(let status, _, let body) = reply {
            lock.withLock { replays[key] = (fingerprint: fingerprint, status: status, body: body) }
        }
        return reply
    }

    private func create(_ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        guard request.header("content-type")?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return error(
                400, type: "invalid_request_error", message: "Content-Type must be application/x-www-form-urlencoded.")
        }
        guard let form = try? FormData(parsing: request.body) else {
            return error(400, type: "invalid_request_error", message: "Invalid form encoding.")
        }
        for field in form {
            guard let type = parameters.type(of: field.name) else { return unknownParameter(field.name) }
            if let problem = check(field.value, against: type, name: field.name) { return problem }
        }
        let now = Int64(Date().timeIntervalSince1970)
        let id = lock.withLock { "cs_test_standin_\(counter)_" + Hex.encode(SecureRandom.bytes(count: 8)) }
        var session = template
        var total: Int64 = 0
        var index = 0
        while let amount = form["line_items[\(index)][price_data][unit_amount]"].flatMap({ Int64($0) }) {
            total += amount * (form["line_items[\(index)][quantity]"].flatMap { Int64($0) } ?? 1)
            index += 1
        }
        var metadata = JSONObject()
        for field in form where field.name.hasPrefix("metadata[") && field.name.hasSuffix("]") {
            metadata[String(field.name.dropFirst("metadata[".count).dropLast())] =
                field.value.isEmpty ? nil : .string(field.value)
        }
        session["id"] = .string(id)
        session["status"] = "open"
        session["payment_status"] = "unpaid"
        session["mode"] = .string(form["mode"] ?? "payment")
        session["created"] = .int(now)
        session["expires_at"] = .int(form["expires_at"].flatMap { Int64($0) } ?? now + 86_400)
        session["amount_subtotal"] = index > 0 ? .int(total) : .null
        session["amount_total"] = index > 0 ? .int(total) : .null
        session["currency"] = JSON(form["line_items[0][price_data][currency]"])
        session["client_reference_id"] = JSON(form["client_reference_id"])
        session["customer_email"] = JSON(form["customer_email"])
        session["customer_details"] = form["customer_email"].map { ["email": .string($0)] } ?? .null
        session["metadata"] = .object(metadata)
        session["locale"] = JSON(form["locale"])
        session["success_url"] = JSON(form["success_url"])
        session["cancel_url"] = JSON(form["cancel_url"])
        session["payment_intent"] = .null
        session["customer"] = JSON(form["customer"])
        session["setup_intent"] = .null
        session["url"] = .string("https://checkout.stripe.com/c/pay/\(id)")
        var setupMetadata = JSONObject()
        for field in form where field.name.hasPrefix("setup_intent_data[metadata][") && field.name.hasSuffix("]") {
            setupMetadata[String(field.name.dropFirst("setup_intent_data[metadata][".count).dropLast())] =
                .string(field.value)
        }
        lock.withLock {
            sessions[id] = session
            if !setupMetadata.isEmpty { objects["setup_intent_data:" + id] = setupMetadata }
        }
        return .respond(status: 200, headers: headers(), body: JSON.object(session).serialized())
    }

    private func expire(_ id: String, _ request: StripeStandInRequest) -> StripeStandInHTTP.Reply {
        if let form = try? FormData(parsing: request.body),
            let bad = form.first(where: { !$0.name.hasPrefix("expand[") })
        {
            return unknownParameter(bad.name)
        }
        let state = lock.withLock { sessions[id]?["status"]?.stringValue }
        guard let state else { return missing(id) }
        guard state == "open" else {
            return error(
                400, type: "invalid_request_error",
                message: "Only Checkout Sessions with a status in [\"open\"] can be expired.")
        }
        markExpired(id)
        return sessionReply(id)
    }

    private func sessionReply(_ id: String) -> StripeStandInHTTP.Reply {
        guard let session = session(id) else { return missing(id) }
        return .respond(status: 200, headers: headers(), body: session.serialized())
    }

    func unknownExpandParameter(_ query: String) -> String? {
        guard !query.isEmpty, let form = try? FormData(parsing: query) else { return nil }
        return form.first { !$0.name.hasPrefix("expand[") }?.name
    }

    func check(_ value: String, against type: String, name: String) -> StripeStandInHTTP.Reply? {
        if type == "integer", Int64(value) == nil {
            return error(
                400, type: "invalid_request_error", code: "parameter_invalid_integer", param: name,
                message: "Invalid integer: \(value)")
        }
        // A container given a scalar: only an empty map value (which unsets it) is allowed.
        if type == "object" || type.hasPrefix("array") || (type.hasPrefix("map") && !value.isEmpty) {
            return error(400, type: "invalid_request_error", param: name, message: "Invalid object")
        }
        if type == "boolean", value != "true", value != "false" {
            return error(400, type: "invalid_request_error", param: name, message: "Invalid boolean: \(value)")
        }
        if type.hasPrefix("enum("), type.hasSuffix(")") {
            let allowed = type.dropFirst(5).dropLast().split(separator: "|").map(String.init)
            if !allowed.contains(value) {
                return error(
                    400, type: "invalid_request_error", param: name,
                    message: "Invalid \(name): must be one of \(allowed.joined(separator: ", "))")
            }
        }
        return nil
    }

    func unknownParameter(_ name: String) -> StripeStandInHTTP.Reply {
        error(
            400, type: "invalid_request_error", code: "parameter_unknown", param: name,
            message: "Received unknown parameter: \(name)")
    }

    private func missing(_ id: String) -> StripeStandInHTTP.Reply {
        error(
            404, type: "invalid_request_error", code: "resource_missing", param: "session",
            message: "No such checkout.session: '\(id)'")
    }

    func headers() -> [(String, String)] {
        let number = lock.withLock { counter }
        return [
            ("Content-Type", "application/json"), ("Request-Id", "req_standin_\(number)"),
            ("Stripe-Version", apiVersion),
        ]
    }

    func error(
        _ status: Int, type: String, code: String? = nil, param: String? = nil, message: String
    ) -> StripeStandInHTTP.Reply {
        var details: JSONObject = ["type": .string(type), "message": .string(message)]
        if let code {
            details["code"] = .string(code)
            details["doc_url"] = .string(
                "https://docs.stripe.com/error-codes/\(code.replacingOccurrences(of: "_", with: "-"))")
        }
        if let param { details["param"] = .string(param) }
        let body: JSON = ["error": .object(details)]
        return .respond(status: status, headers: headers(), body: body.serialized())
    }
}
