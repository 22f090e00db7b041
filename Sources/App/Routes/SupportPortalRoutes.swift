import Domain
import Foundation
import Mail
import Pages
import Storage
import Web

/// The portal's support pages (issue 13 item 7): `/de/konto/support` · `/en/account/support` (the company's
/// requests and the form for a new one, `?invoice=`/`?order=` preselects what it is about) and
/// `/de/konto/support/anfrage?id=` · `/en/account/support/request?id=` (the thread with reply and close). The same
/// use cases and text rules as `/api/v1/support/requests`; another company's request is 404.
enum SupportPortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.support.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                var state = FormState()
                if let id = context.request.query("invoice") { state.values["reference"] = "invoice:" + id }
                if let id = context.request.query("order") { state.values["reference"] = "order:" + id }
                return try list(context, language, caller, form: state)
            }
            table.add(.post, Page.support.path(in: language), access: .signedInPage) { try open($0, language) }
            table.add(.get, Page.supportThread.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try thread(context, language, caller, id: context.request.query("id") ?? "")
            }
            table.add(.post, Page.supportThread.path(in: language), access: .signedInPage) { try reply($0, language) }
        }
    }

    /// The list page with the new-request form in `form`'s state.
    static func list(
        _ context: RequestContext, _ language: Language, _ caller: Caller, form: FormState,
        status: HTTPStatus = .ok
    ) throws -> Response {
        let connection = context.services.database
        let companyID = caller.principal.companyID
        let requests = try SupportStore(connection: connection).requests(
            companyID: companyID.rawValue, status: nil, limit: 200)
        let strings = Strings.table(for: language)
        var references = try OrderStore(connection: connection).orders(companyID: companyID).map { order in
            FormField.Option(
                value: "order:" + order.id,
                label: (strings["support_reference_order"] ?? "%@").replacingOccurrences(
                    of: "%@", with: String(order.createdAt.prefix(10)) + " (\(order.id.prefix(8)))"))
        }
        // The invoices as the portal lists them: number and id, without the full records' snapshots.
        references += try InvoiceStore(connection: connection).listing(companyID: companyID.rawValue).map {
            FormField.Option(
                value: "invoice:" + $0.id,
                label: (strings["support_reference_invoice"] ?? "%@").replacingOccurrences(of: "%@", with: $0.number))
        }
        var form = form
        if let chosen = form.values["reference"], !references.contains(where: { $0.value == chosen }) {
            // A link from another company's invoice (or a stale one) preselects nothing.
            if form.isValid { form.values["reference"] = "" }
        }
        return try PortalRoutes.render(.support, context, language, caller, status: status, form: form) { portal in
            portal.support = PortalSupport(
                requests: requests.map { row($0, language, strings) }, references: references)
        }
    }

    static func row(
        _ record: SupportRequestRecord, _ language: Language, _ strings: [String: String]
    )
        -> PortalSupport.Request
    {
        var about: String?
        if let number = record.invoiceNumber {
            about = (strings["support_reference_invoice"] ?? "%@").replacingOccurrences(of: "%@", with: number)
        } else if let order = record.orderID {
            about = (strings["support_ask_order"] ?? "") + " " + String(order.prefix(8))
        }
        return PortalSupport.Request(
            id: record.id, subject: record.subject, status: record.status.rawValue.lowercased(), about: about,
            updated: record.updated)
    }

    static func open(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["message"]))
        var state = FormState(values: [
            "subject": values["subject"] ?? "", "message": values["message"] ?? "",
            "reference": values["reference"] ?? "",
        ])
        if let problem = SupportText.problem(state.values["subject"]!, SupportText.subject) {
            state.errors["subject"] = "error_" + problem.rawValue
        }
        if let problem = SupportText.problem(state.values["message"]!, SupportText.message) {
            state.errors["message"] = "error_" + problem.rawValue
        }
        var reference: SupportStore.Reference?
        let chosen = state.values["reference"]!
        if chosen.hasPrefix("order:") {
            reference = .order(String(chosen.dropFirst(6)))
        } else if chosen.hasPrefix("invoice:") {
            reference = .invoice(String(chosen.dropFirst(8)))
        } else if !chosen.isEmpty {
            state.errors["reference"] = "error_support_reference"
        }
        guard state.isValid else {
            return try list(context, language, caller, form: state, status: .unprocessableContent)
        }
        let companyID = caller.principal.companyID.rawValue
        do {
            try context.enforce(.supportRequests, key: "support:company:\(companyID)", what: "new support requests")
        } catch let problem as Problem where problem.status == .tooManyRequests {
            state.formError = "error_support_rate"
            return try list(context, language, caller, form: state, status: .tooManyRequests)
        }
        let outcome = try OpenSupportRequest(
            connection: context.services.database,
            supportAddress: context.services.configuration.mail.leadsTo.address,
            publicURL: context.services.configuration.publicURL, logger: context.logger
        ).run(
            companyID: companyID, userID: caller.principal.userID.rawValue,
            subject: state.values["subject"]!.trimmedWhitespace, body: state.values["message"]!, language: language,
            reference: reference)
        switch outcome {
        case .done(let request):
            return PageResponse.seeOther(PortalSupport.threadPath(request.id, in: language))
        case .unknownReference:
            state.errors["reference"] = "error_support_reference"
            return try list(context, language, caller, form: state, status: .unprocessableContent)
        case .notFound, .closed:
            throw Problem.notFound()
        }
    }

    /// The thread page of request `id` (404 unless it is the company's).
    static func thread(
        _ context: RequestContext, _ language: Language, _ caller: Caller, id: String, form: FormState = FormState(),
        status: HTTPStatus = .ok
    ) throws -> Response {
        let store = SupportStore(connection: context.services.database)
        guard let request = try store.request(id: id, companyID: caller.principal.companyID.rawValue) else {
            throw Problem.notFound()
        }
        let messages = try store.messages(requestID: request.id).map {
            PortalSupport.Message(fromStaff: $0.fromStaff, body: $0.body, created: $0.created)
        }
        let strings = Strings.table(for: language)
        return try PortalRoutes.render(.supportThread, context, language, caller, status: status, form: form) {
            portal in
            portal.support = PortalSupport(thread: (row(request, language, strings), messages))
        }
    }

    static func reply(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["message"]))
        let id = values["id"] ?? ""
        let companyID = caller.principal.companyID.rawValue
        guard try SupportStore(connection: context.services.database).request(id: id, companyID: companyID) != nil
        else { throw Problem.notFound() }
        let outcome: SupportOutcome
        if values["close"] != nil {
            outcome = try CloseSupportRequest(connection: context.services.database).run(
                requestID: id, companyID: companyID, audit: nil)
        } else {
            let body = values["message"] ?? ""
            if let problem = SupportText.problem(body, SupportText.message) {
                let state = FormState(values: ["message": body], errors: ["message": "error_" + problem.rawValue])
                return try thread(context, language, caller, id: id, form: state, status: .unprocessableContent)
            }
            outcome = try AddSupportMessage(
                connection: context.services.database,
                supportAddress: context.services.configuration.mail.leadsTo.address,
                publicURL: context.services.configuration.publicURL, logger: context.logger
            ).run(
                requestID: id, companyID: companyID, author: caller.principal.userID.rawValue, fromStaff: false,
                body: body, audit: nil)
        }
        switch outcome {
        case .done: return PageResponse.seeOther(PortalSupport.threadPath(id, in: language))
        case .closed:
            return try thread(
                context, language, caller, id: id, form: FormState(formError: "error_support_closed"),
                status: .conflict)
        case .notFound, .unknownReference: throw Problem.notFound()
        }
    }
}
