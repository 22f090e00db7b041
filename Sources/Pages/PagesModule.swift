// Pages: the DE/EN site's HTML, the back office's pages and the mails, rendered on the server from Mustache templates
// compiled once per worker (`Template/`, escaped by default) with typed values: every view model builds its
// `TemplateValue` with typed code (`TemplateRepresentable`); there is no conversion from `Any`.
//
// Owns: the page list and its paths in both languages (`Page`), the templates (`Templates/*.mustache`), the words in
// both languages (`Strings+*.swift`, parity checked by tests), the view models that turn plain Domain values
// (`Catalog`, `PriceQuote`, `CreditPackQuote`) into template values (`CatalogView`, `ConfiguratorView`,
// `QuoteSummary`, `PortalView`, `PortalInvoices`, `SiteLayout`), form fields and their server-side checks (`ContactForm`, `PortalForms`,
// `FormState`), the consent banner's answer (`ConsentDecision`), JSON-LD (`StructuredData`, `JSONLD`), `Sitemap`,
// `RobotsTxt` and the fingerprinted asset URLs (`AssetManifest`).
//
// The App calls one thing: `SitePages(baseURL:)` once per worker, then
// `render(page:language:context:) -> String` per request, plus `sitemap()` and `robots()`.
//
// May import: Domain (pure). No I/O besides reading the templates at start-up.
