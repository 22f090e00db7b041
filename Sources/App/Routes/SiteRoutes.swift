import Domain
import Logging
import Mail
import Pages
import Postgres
import Storage
import Web

/// The public site: the language redirect at `/`, every public page in both languages, the configurator
/// (a GET form priced on the server), contact and consent forms, `/sitemap.xml` and `/robots.txt`.
enum SiteRoutes {
    /// Pages that render from the catalog (or nothing) with no form of their own.
    static let plainPages: [Page] = [
        .home, .services, .pricing, .imprint, .privacy, .terms, .contactThanks, .checkoutCancel,
    ]

    static func register(in table: inout RouteTable) {
        table.add(.get, "/") { context in
            let language = context.request.preferredLanguage(among: ["de", "en"], default: "en")
            var response = Response.redirect(to: "/\(language)/", status: .found)
            response.headers.replaceOrAdd(name: "Vary", value: "Accept-Language")
            response.headers.replaceOrAdd(name: "Cache-Control", value: "private, max-age=0")
            return response
        }
        for language in Language.allCases {
            table.add(.get, "/\(language.rawValue)") { _ in
                .redirect(to: "/\(language.rawValue)/", status: .movedPermanently)
            }
            for page in plainPages {
                table.add(.get, page.path(in: language)) { context in
                    let catalog = [.services, .pricing].contains(page) ? try context.services.catalog.current() : nil
                    return PageResponse.render(
                        page, language, context, PageContext(signedIn: context.hasSessionCookie, catalog: catalog))
                }
            }
            table.add(.get, Page.configurator.path(in: language)) { context in
                try configurator(context, language)
            }
            table.add(.get, Page.contact.path(in: language)) { context in
                contactForm(context, language, state: nil)
            }
            table.add(.post, Page.contact.path(in: language)) { context in
                try submitContact(context, language)
            }
            table.add(.get, Page.consent.path(in: language)) { context in
                ConsentForm.page(context, language)
            }
            table.add(.post, Page.consent.path(in: language)) { context in
                try ConsentForm.submit(context, language)
            }
        }
        table.add(.get, "/sitemap.xml") { context in
            var response = Response(
                headers: ["Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600"],
                body: Array(context.services.site.sitemap().utf8))
            response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex")
            return response
        }
        table.add(.get, "/robots.txt") { context in
            var response = Response.text(context.services.site.robots())
            response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=3600")
            return response
        }
    }

    /// The configurator: without a submission the empty form; with one (GET query) the server's price.
    static func configurator(_ context: RequestContext, _ language: Language) throws -> Response {
        let catalog = try context.services.catalog.current()
        var values: [String: String] = [:]
        for item in context.request.queryItems.fields { values[item.name] = item.value }
        let form = values.isEmpty ? nil : ConfiguratorForm(values: values, catalog: catalog)
        let caller = try context.caller()
        var page = PageContext(
            csrfToken: caller?.session?.csrfToken, signedIn: caller != nil, catalog: catalog,
            configurator: ConfiguratorView(catalog: catalog, form: form))
        page.showConsentBanner = true
        return PageResponse.render(.configurator, language, context, page)
    }

    static func contactForm(
        _ context: RequestContext, _ language: Language, state: FormState?, status: HTTPStatus = .ok
    )
        -> Response
    {
        let token = FormGuard.pendingToken(for: context)
        var response = PageResponse.render(
            .contact, language, context, PageContext(csrfToken: token.token, form: state), status: status)
        FormGuard.finish(&response, token: token)
        return response
    }

    static func submitContact(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context, multiline: ["message"])
        guard FormGuard.accepts(context, form: form) else {
            return contactForm(context, language, state: FormState(formError: "error_csrf"), status: .forbidden)
        }
        switch ContactForm.validate(SiteForms.dictionary(form)) {
        case .spam:
            context.logger.notice("contact form honeypot filled; dropped")
            return PageResponse.seeOther(Page.contactThanks.path(in: language))
        case .invalid(let state):
            return contactForm(context, language, state: state, status: .unprocessableContent)
        case .valid(let submission):
            let leadsTo = context.services.configuration.mail.leadsTo.address
            try context.services.database.transaction { transaction in
                let id = try SiteRecordStore(connection: transaction).storeContactRequest(
                    name: submission.name, company: submission.company, email: submission.email,
                    phone: submission.phone.isEmpty ? nil : submission.phone, message: submission.message,
                    language: language.rawValue, ip: context.clientAddress)
                try LeadNotificationMail.enqueue(
                    leadID: id, submission: submission, language: language, to: leadsTo, on: transaction)
            }
            context.logger.info("contact request stored")
            return PageResponse.seeOther(Page.contactThanks.path(in: language))
        }
    }
}

extension RequestContext {
    /// Whether the request carries a session cookie at all (cheap; no database look-up).
    var hasSessionCookie: Bool { request.cookie(Self.sessionCookieName) != nil }
}

/// Decoding of the site's `application/x-www-form-urlencoded` posts.
enum SiteForms {
    /// The posted form. Every value follows the one ``TextRule`` for characters: no control characters, except
    /// line breaks and tabs in the fields named in `multiline` (a `<textarea>`); otherwise 400 (a friendly
    /// page on the site) and nothing is written. Lengths are the form's own validation.
    static func decode(_ context: RequestContext, multiline: Set<String> = []) throws -> FormData {
        guard context.request.mediaType == "application/x-www-form-urlencoded" || context.request.body.isEmpty else {
            throw Problem.unsupportedMediaType(expected: "application/x-www-form-urlencoded")
        }
        let form: FormData
        do {
            form = try context.request.decodeForm()
        } catch {
            throw Problem.badRequest(detail: "The form could not be read.")
        }
        let singleLine = TextRule(maximumCharacters: .max)
        let lines = TextRule.multiline(maximumCharacters: .max)
        let refused = form.fields.filter {
            !singleLine.acceptsCharacters(of: $0.name)
                || !(multiline.contains($0.name) ? lines : singleLine).acceptsCharacters(of: $0.value)
        }
        guard refused.isEmpty else {
            throw Problem.badRequest(
                detail: "Form fields must not contain control characters.",
                errors: refused.map {
                    Web.FieldError(
                        field: $0.name, detail: "must not contain control characters", code: "control_character")
                })
        }
        return form
    }

    /// The first value of every field.
    static func dictionary(_ form: FormData) -> [String: String] {
        var values: [String: String] = [:]
        for item in form.fields where values[item.name] == nil { values[item.name] = item.value }
        return values
    }
}
