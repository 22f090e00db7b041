public import Domain

/// The JSON-LD of the site: an Organization on every page, a Product with an Offer per package where prices are
/// shown (services, pricing, configurator).
public enum StructuredData {
    /// The Organization node of `company`, with `baseURL` as its url.
    public static func organization(_ company: Company, baseURL: String) -> JSONLD {
        .object([
            ("@type", .string("Organization")),
            ("@id", .string(baseURL + "/#organization")),
            ("name", .string(company.legalName)),
            ("url", .string(baseURL + "/")),
            ("email", .string(company.email)),
            ("telephone", .string(company.phone)),
            ("vatID", .string(company.vatId)),
            (
                "address",
                .object([
                    ("@type", .string("PostalAddress")),
                    ("streetAddress", .string(company.street)),
                    ("postalCode", .string(company.postalCode)),
                    ("addressLocality", .string(company.city)),
                    ("addressCountry", .string(company.countryCode)),
                ])
            ),
        ])
    }

    /// A Product with one Offer (net price, EUR, business customers only) for `package`, in `language`.
    public static func product(_ package: BasePackage, language: Language, baseURL: String, pageURL: String) -> JSONLD {
        var price: [(String, JSONLD)] = [
            ("@type", .string("UnitPriceSpecification")),
            ("price", .string(package.net.decimalString)),
            ("priceCurrency", .string(package.net.currency.code)),
            ("valueAddedTaxIncluded", .bool(false)),
        ]
        if package.interval == .monthly {
            price.append(("billingDuration", .int(1)))
            price.append(("unitCode", .string("MON")))
        }
        return .object([
            ("@type", .string("Product")),
            ("@id", .string(pageURL + "#" + package.id)),
            ("sku", .string(package.id)),
            ("name", .string(package.name.text(in: language))),
            ("description", .string(package.description.text(in: language))),
            ("brand", .object([("@id", .string(baseURL + "/#organization"))])),
            (
                "offers",
                .object([
                    ("@type", .string("Offer")),
                    ("price", .string(package.net.decimalString)),
                    ("priceCurrency", .string(package.net.currency.code)),
                    ("priceSpecification", .object(price)),
                    ("eligibleCustomerType", .string("https://schema.org/Business")),
                    ("availability", .string("https://schema.org/InStock")),
                    ("url", .string(pageURL)),
                    ("seller", .object([("@id", .string(baseURL + "/#organization"))])),
                ])
            ),
        ])
    }

    /// The page's whole JSON-LD: a `@graph` of the Organization and, if given, one Product per active package.
    public static func graph(
        company: Company, baseURL: String, pageURL: String, language: Language, packages: [BasePackage] = []
    ) -> JSONLD {
        let nodes =
            [organization(company, baseURL: baseURL)]
            + packages.filter(\.isActive).map { product($0, language: language, baseURL: baseURL, pageURL: pageURL) }
        return .object([("@context", .string("https://schema.org")), ("@graph", .array(nodes))])
    }
}
