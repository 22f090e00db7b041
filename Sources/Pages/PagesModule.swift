// Pages: the DE/EN site's HTML, rendered on the server from Mustache templates (escaped by default).
//
// Owns: the page list and its paths in both languages (`Page`), the templates (`Templates/*.mustache`), the words in
// both languages (`Strings+*.swift`, parity checked by tests), the view models that turn plain Domain values
// (`Catalog`, `PriceQuote`, `CreditPackQuote`) into template values (`CatalogView`, `ConfiguratorView`,
// `QuoteSummary`, `PortalView`, `PortalInvoices`), form fields and their server-side checks (`ContactForm`, `PortalForms`,
// `FormState`), the consent banner's answer (`ConsentDecision`), JSON-LD (`StructuredData`, `JSONLD`), `Sitemap`,
// `RobotsTxt` and the fingerprinted asset URLs (`AssetManifest`).
//
// The App calls one thing: `SitePages(baseURL:)` once per worker, then
// `render(page:language:context:) -> String` per request, plus `sitemap()` and `robots()`.
//
// May import: Domain (pure) and Mustache. No I/O besides reading the templates at start-up.
