/// The site's words in both languages. Every key exists in every language (a test checks the parity).
public enum Strings {
    /// The table for `language`.
    public static func table(for language: Language) -> [String: String] {
        switch language {
        case .de: return german
        case .en: return english
        }
    }

    static let german: [String: String] = [
        "site_name": "Code Zero",
        "og_locale": "de_DE",
        "skip_to_content": "Zum Inhalt springen",
        "language_switch": "Sprache wählen",
        "b2b_notice": "Unser Angebot richtet sich ausschließlich an Unternehmer im Sinne des § 14 BGB. Alle Preise zzgl. USt.",
        "footer_company": "German Code Zero AI – KI-Dienstleistungen für Unternehmen",
        "home_title": "KI-Dienstleistungen für Unternehmen | Code Zero",
        "home_description": "Code Zero plant, baut und betreibt KI-Lösungen für Unternehmen: Beratung, Automatisierung und Betrieb – in Deutschland gehostet, mit Rechnung nach deutschem Recht.",
        "home_heading": "KI, die in Ihrem Unternehmen wirklich arbeitet",
        "home_lead": "Wir beraten, bauen und betreiben KI-Lösungen für Unternehmen – vom ersten Workshop bis zum laufenden Betrieb.",
        "home_services_heading": "Unsere Leistungen",
        "service_consulting_title": "Beratung",
        "service_consulting_text": "Wir finden mit Ihnen die Anwendungsfälle, die sich lohnen, und planen die Umsetzung.",
        "service_automation_title": "Automatisierung",
        "service_automation_text": "Wir bauen Assistenten und Abläufe, die wiederkehrende Arbeit übernehmen.",
        "service_operations_title": "Betrieb",
        "service_operations_text": "Wir betreiben, überwachen und verbessern Ihre KI-Lösungen dauerhaft.",
        "home_why_heading": "Warum Code Zero",
        "home_why_hosting": "Hosting in Deutschland, Verarbeitung nach DSGVO.",
        "home_why_prices": "Transparente Nettopreise, Umsatzsteuer korrekt nach Ihrem Land berechnet.",
        "home_why_invoices": "Rechnungen nach § 14 UStG, auf Wunsch als E-Rechnung.",
    ]

    static let english: [String: String] = [
        "site_name": "Code Zero",
        "og_locale": "en_GB",
        "skip_to_content": "Skip to content",
        "language_switch": "Choose language",
        "b2b_notice": "We sell exclusively to businesses (entrepreneurs within the meaning of § 14 BGB). All prices exclude VAT.",
        "footer_company": "German Code Zero AI – AI services for businesses",
        "home_title": "AI services for businesses | Code Zero",
        "home_description": "Code Zero plans, builds and runs AI solutions for businesses: consulting, automation and operations – hosted in Germany, invoiced under German law.",
        "home_heading": "AI that really works in your business",
        "home_lead": "We advise on, build and run AI solutions for businesses – from the first workshop to day-to-day operations.",
        "home_services_heading": "Our services",
        "service_consulting_title": "Consulting",
        "service_consulting_text": "Together we find the use cases that pay off and plan how to deliver them.",
        "service_automation_title": "Automation",
        "service_automation_text": "We build assistants and workflows that take over repetitive work.",
        "service_operations_title": "Operations",
        "service_operations_text": "We run, monitor and keep improving your AI solutions.",
        "home_why_heading": "Why Code Zero",
        "home_why_hosting": "Hosted in Germany, processed under the GDPR.",
        "home_why_prices": "Transparent net prices, VAT calculated correctly for your country.",
        "home_why_invoices": "Invoices compliant with § 14 UStG, e-invoices on request.",
    ]
}
