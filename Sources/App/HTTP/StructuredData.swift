import Foundation
import Web

/// schema.org JSON-LD for the pages' `<script type="application/ld+json">`.
enum StructuredData {
    /// The company as a schema.org `Organization`.
    static func organization(_ context: RequestContext) -> JSON {
        let base = context.services.configuration.publicURL
        return [
            "@context": "https://schema.org", "@type": "Organization", "name": "German Code Zero AI GmbH",
            "alternateName": "Code Zero", "url": .string(base + "/"), "logo": .string(base + "/favicon.ico"),
            "address": [
                "@type": "PostalAddress", "streetAddress": "Musterstraße 1", "postalCode": "10115",
                "addressLocality": "Berlin", "addressCountry": "DE",
            ],
        ]
    }

    /// Serialises `value` for embedding in HTML: `<` is escaped so `</script>` can never appear.
    static func serialize(_ value: JSON) -> String {
        let text = String(decoding: value.serialized(), as: UTF8.self)
        return text.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
