// Home, services, pricing, configurator, contact, checkout results, 404 and the consent page.
extension Strings {
    static let marketingGerman: [String: String] = [
        "home_title": "KI-Dienstleistungen für Unternehmen | Code Zero",
        "home_description":
            "Code Zero plant, baut und betreibt KI-Lösungen für Unternehmen: Beratung, Automatisierung und Betrieb – in Deutschland gehostet, mit Rechnung nach deutschem Recht.",
        "home_heading": "KI, die in Ihrem Unternehmen wirklich arbeitet",
        "home_lead":
            "Wir beraten, bauen und betreiben KI-Lösungen für Unternehmen – vom ersten Workshop bis zum laufenden Betrieb.",
        "home_services_heading": "Unsere Leistungen",
        "home_services_link": "Alle Leistungen im Überblick",
        "service_consulting_title": "Beratung",
        "service_consulting_text":
            "Wir finden mit Ihnen die Anwendungsfälle, die sich lohnen, und planen die Umsetzung.",
        "service_automation_title": "Automatisierung",
        "service_automation_text": "Wir bauen Assistenten und Abläufe, die wiederkehrende Arbeit übernehmen.",
        "service_operations_title": "Betrieb",
        "service_operations_text": "Wir betreiben, überwachen und verbessern Ihre KI-Lösungen dauerhaft.",
        "home_why_heading": "Warum Code Zero",
        "home_why_hosting": "Hosting in Deutschland, Verarbeitung nach DSGVO.",
        "home_why_prices": "Transparente Nettopreise, Umsatzsteuer korrekt nach Ihrem Land berechnet.",
        "home_why_invoices": "Rechnungen nach § 14 UStG, auf Wunsch als E-Rechnung.",
        "services_title": "Leistungen: KI-Beratung, Assistenten und Betrieb | Code Zero",
        "services_description":
            "Potenzialanalyse, KI-Assistenten für Ihr Wissen, Automatisierung und Betrieb in Deutschland: die Pakete und Zusatzleistungen von Code Zero.",
        "services_heading": "Unsere Leistungen",
        "services_lead":
            "Von der ersten Idee bis zum stabilen Betrieb: Wir begleiten Sie in drei Schritten und bleiben danach an Ihrer Seite.",
        "services_approach_heading": "So arbeiten wir",
        "services_packages_heading": "Pakete",
        "services_addons_heading": "Zusatzleistungen",
        "pricing_title": "Preise für KI-Pakete und Zusatzleistungen | Code Zero",
        "pricing_description":
            "Alle Nettopreise von Code Zero auf einen Blick: Pakete, Zusatzleistungen, einmalige und monatliche Kosten, Umsatzsteuer nach Ihrem Land.",
        "pricing_heading": "Preise",
        "pricing_lead":
            "Alle Preise sind Nettopreise in Euro. Die Umsatzsteuer richtet sich nach dem Sitz Ihres Unternehmens und wird im Konfigurator und an der Kasse ausgewiesen.",
        "pricing_packages_heading": "Pakete",
        "pricing_addons_heading": "Zusatzleistungen",
        "pricing_vat_heading": "Umsatzsteuer",
        "pricing_vat_de": "Unternehmen in Deutschland: zzgl. 19 % USt.",
        "pricing_vat_eu":
            "Unternehmen in anderen EU-Staaten mit gültiger USt-IdNr.: ohne deutsche USt. – Steuerschuldnerschaft des Leistungsempfängers (Reverse-Charge).",
        "pricing_vat_other": "Unternehmen außerhalb der EU: ohne deutsche USt. (nicht im Inland steuerbare Leistung).",
        "configurator_title": "Konfigurator: Paket und Zusatzleistungen wählen | Code Zero",
        "configurator_description":
            "Stellen Sie Ihr KI-Paket zusammen und sehen Sie sofort Nettopreis, Umsatzsteuer und Gesamtbetrag für Ihr Land.",
        "configurator_heading": "Konfigurator",
        "configurator_lead":
            "Wählen Sie ein Paket und die Zusatzleistungen, die Sie brauchen. Wir berechnen den Preis einschließlich der Umsatzsteuer für Ihr Land.",
        "cfg_package_legend": "1. Paket wählen",
        "cfg_addons_legend": "2. Zusatzleistungen",
        "cfg_addons_hint": "Menge 0 bedeutet: nicht gewählt.",
        "cfg_buyer_legend": "3. Ihr Unternehmen",
        "cfg_quantity": "Menge",
        "cfg_max_quantity": "Höchstens",
        "cfg_calculate": "Preis berechnen",
        "cfg_has_errors": "Bitte korrigieren Sie die markierten Angaben.",
        "quote_heading": "Ihr Preis",
        "quote_empty": "Wählen Sie ein Paket und Ihr Land und klicken Sie auf „Preis berechnen“.",
        "quote_net": "Summe netto (erste Zahlung)",
        "quote_net_short": "netto",
        "quote_vat": "USt.",
        "quote_gross": "Gesamtbetrag (erste Zahlung)",
        "quote_monthly": "Danach monatlich:",
        "quote_buyer_vat_id": "Ihre USt-IdNr.",
        "order_button": "Zahlungspflichtig bestellen",
        "order_terms_hint":
            "Vor der Zahlung bei Stripe können Sie Ihre Angaben noch ändern. Es gelten unsere Allgemeinen Geschäftsbedingungen:",
        "contact_title": "Kontakt: Beratung zu KI-Projekten anfragen | Code Zero",
        "contact_description":
            "Schreiben Sie uns: Wir melden uns innerhalb eines Werktags mit einem Vorschlag für ein erstes Gespräch.",
        "contact_heading": "Kontakt",
        "contact_lead": "Erzählen Sie uns von Ihrem Vorhaben. Wir melden uns innerhalb eines Werktags.",
        "contact_privacy_hint":
            "Wir verwenden Ihre Angaben nur, um Ihre Anfrage zu beantworten. Mehr dazu in der Datenschutzerklärung:",
        "contact_submit": "Nachricht senden",
        "contact_direct_heading": "Direkter Kontakt",
        "contact_thanks_title": "Vielen Dank für Ihre Nachricht | Code Zero",
        "contact_thanks_description": "Ihre Nachricht ist bei uns angekommen.",
        "contact_thanks_heading": "Vielen Dank!",
        "contact_thanks_text":
            "Ihre Nachricht ist bei uns angekommen. Wir melden uns innerhalb eines Werktags bei Ihnen.",
        "not_found_title": "Seite nicht gefunden | Code Zero",
        "not_found_description": "Diese Seite gibt es nicht (mehr).",
        "not_found_heading": "Seite nicht gefunden",
        "not_found_text":
            "Diese Seite gibt es nicht oder nicht mehr. Vielleicht hilft Ihnen einer dieser Links weiter:",
        "checkout_success_title": "Zahlung erfolgreich | Code Zero",
        "checkout_success_description": "Vielen Dank für Ihre Bestellung.",
        "checkout_success_heading": "Vielen Dank für Ihre Bestellung",
        "checkout_success_text":
            "Ihre Zahlung ist eingegangen. Sie erhalten in Kürze eine Bestellbestätigung per E-Mail.",
        "checkout_success_next":
            "Ihre Credits und Bestellungen sehen Sie im Kundenportal, sobald Stripe uns die Zahlung bestätigt hat – meist nach wenigen Sekunden.",
        "checkout_cancel_title": "Zahlung abgebrochen | Code Zero",
        "checkout_cancel_description": "Die Zahlung wurde abgebrochen.",
        "checkout_cancel_heading": "Zahlung abgebrochen",
        "checkout_cancel_text":
            "Sie haben die Zahlung abgebrochen. Es wurde nichts berechnet. Sie können Ihre Auswahl anpassen oder uns bei Fragen kontaktieren.",
        "consent_title": "Cookie-Einstellungen | Code Zero",
        "consent_description": "Einwilligungen erteilen, ändern oder widerrufen.",
        "consent_page_heading": "Cookie-Einstellungen",
        "consent_page_lead":
            "Hier entscheiden Sie, welche optionalen Dienste wir verwenden dürfen. Ohne Ihre Einwilligung laden wir nichts Optionales.",
        "consent_page_withdraw":
            "Ein Widerruf ist so einfach wie die Einwilligung: Wählen Sie „Alle ablehnen“. Er gilt für die Zukunft; bereits gesetzte optionale Cookies löschen wir.",
    ]

    static let marketingEnglish: [String: String] = [
        "home_title": "AI services for businesses | Code Zero",
        "home_description":
            "Code Zero plans, builds and runs AI solutions for businesses: consulting, automation and operations – hosted in Germany, invoiced under German law.",
        "home_heading": "AI that really works in your business",
        "home_lead":
            "We advise on, build and run AI solutions for businesses – from the first workshop to day-to-day operations.",
        "home_services_heading": "Our services",
        "home_services_link": "All services at a glance",
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
        "services_title": "Services: AI consulting, assistants and operations | Code Zero",
        "services_description":
            "Opportunity assessment, AI assistants for your knowledge, automation and operations in Germany: Code Zero's packages and add-ons.",
        "services_heading": "Our services",
        "services_lead":
            "From the first idea to stable operations: we work with you in three steps and stay at your side afterwards.",
        "services_approach_heading": "How we work",
        "services_packages_heading": "Packages",
        "services_addons_heading": "Add-ons",
        "pricing_title": "Prices of AI packages and add-ons | Code Zero",
        "pricing_description":
            "All of Code Zero's net prices at a glance: packages, add-ons, one-time and monthly costs, VAT by your country.",
        "pricing_heading": "Pricing",
        "pricing_lead":
            "All prices are net prices in euros. VAT depends on where your company is established and is shown in the configurator and at checkout.",
        "pricing_packages_heading": "Packages",
        "pricing_addons_heading": "Add-ons",
        "pricing_vat_heading": "VAT",
        "pricing_vat_de": "Businesses in Germany: plus 19 % VAT.",
        "pricing_vat_eu":
            "Businesses in other EU countries with a valid VAT ID: no German VAT – reverse charge, VAT to be accounted for by the recipient.",
        "pricing_vat_other": "Businesses outside the EU: no German VAT (not taxable in Germany).",
        "configurator_title": "Configurator: choose a package and add-ons | Code Zero",
        "configurator_description":
            "Put together your AI package and instantly see the net price, VAT and total for your country.",
        "configurator_heading": "Configurator",
        "configurator_lead":
            "Choose a package and the add-ons you need. We calculate the price including the VAT for your country.",
        "cfg_package_legend": "1. Choose a package",
        "cfg_addons_legend": "2. Add-ons",
        "cfg_addons_hint": "A quantity of 0 means not chosen.",
        "cfg_buyer_legend": "3. Your company",
        "cfg_quantity": "quantity",
        "cfg_max_quantity": "At most",
        "cfg_calculate": "Calculate price",
        "cfg_has_errors": "Please correct the entries marked below.",
        "quote_heading": "Your price",
        "quote_empty": "Choose a package and your country, then select “Calculate price”.",
        "quote_net": "Total net (first payment)",
        "quote_net_short": "net",
        "quote_vat": "VAT",
        "quote_gross": "Total amount (first payment)",
        "quote_monthly": "Then monthly:",
        "quote_buyer_vat_id": "Your VAT ID",
        "order_button": "Order with obligation to pay",
        "order_terms_hint":
            "You can still change your entries before paying at Stripe. Our terms and conditions apply:",
        "contact_title": "Contact: ask us about your AI project | Code Zero",
        "contact_description": "Write to us: we reply within one business day with a suggestion for a first call.",
        "contact_heading": "Contact",
        "contact_lead": "Tell us about your project. We will get back to you within one business day.",
        "contact_privacy_hint": "We use your details only to answer your request. More in the privacy policy:",
        "contact_submit": "Send message",
        "contact_direct_heading": "Direct contact",
        "contact_thanks_title": "Thank you for your message | Code Zero",
        "contact_thanks_description": "Your message has reached us.",
        "contact_thanks_heading": "Thank you!",
        "contact_thanks_text": "Your message has reached us. We will get back to you within one business day.",
        "not_found_title": "Page not found | Code Zero",
        "not_found_description": "This page does not exist (any more).",
        "not_found_heading": "Page not found",
        "not_found_text": "This page does not exist or no longer exists. Perhaps one of these links helps:",
        "checkout_success_title": "Payment successful | Code Zero",
        "checkout_success_description": "Thank you for your order.",
        "checkout_success_heading": "Thank you for your order",
        "checkout_success_text": "Your payment has been received. You will shortly get an order confirmation by email.",
        "checkout_success_next":
            "Your credits and orders appear in the client portal as soon as Stripe has confirmed the payment – usually within seconds.",
        "checkout_cancel_title": "Payment cancelled | Code Zero",
        "checkout_cancel_description": "The payment was cancelled.",
        "checkout_cancel_heading": "Payment cancelled",
        "checkout_cancel_text":
            "You cancelled the payment. Nothing has been charged. You can adjust your choice or contact us with any questions.",
        "consent_title": "Cookie settings | Code Zero",
        "consent_description": "Give, change or withdraw your consent.",
        "consent_page_heading": "Cookie settings",
        "consent_page_lead":
            "Decide here which optional services we may use. Without your consent we load nothing optional.",
        "consent_page_withdraw":
            "Withdrawing is as easy as consenting: choose “Reject all”. It applies from now on; we delete any optional cookies already set.",
    ]
}
