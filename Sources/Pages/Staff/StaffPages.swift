import Domain
import Foundation

/// The back office's renderer (issue 13): the staff templates (`StaffTemplates/*.mustache`, escaped by default)
/// inside one layout with the navigation, the language switch and the sign-out form.
///
/// ```swift
/// let staff = try StaffPages()
/// let html = staff.render(.incidents, frame: frame, values: ["incidents": rows])
/// ```
/// Created once per worker; rendering is a pure function of its inputs.
public struct StaffPages: Sendable {
    private let renderer: PageRenderer
    /// The fingerprinted asset URLs (the site's stylesheet and the back office's own, `staff_css`).
    public let assets: AssetManifest

    /// Loads the bundled staff templates (or those in `directory`); throws when a page's template is missing.
    public init(directory: String? = nil, assets: AssetManifest = .bundled) throws {
        guard let folder = directory ?? Bundle.module.path(forResource: "StaffTemplates", ofType: nil) else {
            throw PageRenderer.LoadError.missingDirectory("StaffTemplates")
        }
        renderer = try PageRenderer(directory: folder)
        self.assets = assets
        for page in StaffPage.allCases where !renderer.hasTemplate(named: page.template) {
            throw PageRenderer.LoadError.missingTemplate(page.template)
        }
    }

    /// The HTML of `page` with its own `values` inside the layout described by `frame`.
    public func render(_ page: StaffPage, frame: StaffFrame, values: TemplateObject = [:]) -> String {
        let context = self.context(page, frame: frame, values: values)
        guard let html = renderer.render(page.template, context: context) else {
            preconditionFailure("StaffPages: template \(page.template) vanished after loading")
        }
        return html
    }

    /// The whole template context (exposed to the tests through `@testable`).
    func context(_ page: StaffPage, frame: StaffFrame, values: TemplateObject) -> TemplateValue {
        let strings = StaffStrings.table(for: frame.language)
        let language = frame.language
        var nav: [TemplateValue] = []
        if frame.verified {
            var pages: [StaffPage] = [.dashboard, .companies]
            if frame.isAdmin { pages += [.orders, .catalog, .plans, .leads, .support, .incidents, .audit] }
            nav = pages.map { target in
                var label = strings[target.titleKey] ?? target.titleKey
                if target == .support, frame.openSupportRequests > 0 { label += " (\(frame.openSupportRequests))" }
                return [
                    "href": .text(target.path(in: language)), "label": .text(label),
                    "current": .flag(
                        target == page || (page == .company && target == .companies)
                            || (page == .order && target == .orders) || (page == .supportRequest && target == .support)),
                ]
            }
        }
        let switches = Language.allCases.map { other -> TemplateValue in
            let suffix =
                frame.path.hasPrefix(StaffPage.root(language))
                ? String(frame.path.dropFirst(StaffPage.root(language).count)) : ""
            return [
                "href": .text(StaffPage.root(other) + suffix), "label": .text(other.endonym),
                "hreflang": .text(other.rawValue), "current": .flag(other == language),
            ]
        }
        var context: TemplateObject = [
            "lang": .text(language.rawValue), "s": StaffStrings.templateValue(for: language),
            "title": .text(strings[page.titleKey] ?? page.titleKey), "nav": .list(nav), "languages": .list(switches),
            "stylesheet": .text(assets.urls["site_css"] ?? ""),
            "staff_stylesheet": .text(assets.urls["staff_css"] ?? ""),
            "home_href": .text(StaffPage.dashboard.path(in: language)),
            "sign_out_action": .text(StaffPage.root(language) + "sign-out"),
        ]
        if let token = frame.csrfToken { context["csrf_token"] = .text(token) }
        if let email = frame.email { context["staff_email"] = .text(email) }
        for (key, value) in values { context[key] = value }
        return .object(context)
    }
}
