// The general terms and conditions for business customers (AGB).
extension Strings {
    static let termsGerman: [String: String] = [
        "terms_title": "Allgemeine Geschäftsbedingungen für Unternehmer | Code Zero",
        "terms_description":
            "Die AGB der German Code Zero AI GmbH für KI-Dienstleistungen: ausschließlich für Unternehmer, deutsches Recht, Gerichtsstand Berlin.",
        "terms_heading": "Allgemeine Geschäftsbedingungen",
        "terms_lead":
            "Diese Bedingungen gelten für alle Verträge zwischen der German Code Zero AI GmbH („Code Zero“) und ihren Kunden über die auf dieser Website angebotenen Leistungen.",
        "terms_s1_heading": "§ 1 Geltungsbereich, nur Unternehmer",
        "terms_s1_text":
            "Wir schließen Verträge ausschließlich mit Unternehmern im Sinne des § 14 BGB, juristischen Personen des öffentlichen Rechts und öffentlich-rechtlichen Sondervermögen. Mit der Bestellung bestätigt der Kunde, dass er in Ausübung seiner gewerblichen oder selbständigen beruflichen Tätigkeit handelt. Abweichende Bedingungen des Kunden gelten nur, wenn wir ihnen schriftlich zustimmen. Ein Widerrufsrecht für Verbraucher besteht nicht.",
        "terms_s2_heading": "§ 2 Vertragsschluss",
        "terms_s2_text":
            "Die Darstellung im Konfigurator ist kein bindendes Angebot. Der Kunde kann seine Auswahl bis zum Absenden jederzeit korrigieren. Mit „Zahlungspflichtig bestellen“ und der Zahlung über Stripe gibt er ein verbindliches Angebot ab; der Vertrag kommt mit unserer Bestellbestätigung per E-Mail zustande, die wir unverzüglich versenden. Wir speichern den Vertragstext; der Kunde kann Bestellung, Belege und diese AGB jederzeit im Kundenportal abrufen und speichern. Vertragssprachen sind Deutsch und Englisch.",
        "terms_s3_heading": "§ 3 Leistungen",
        "terms_s3_text":
            "Der Umfang der Leistungen ergibt sich aus der Beschreibung des gewählten Pakets und der Zusatzleistungen zum Zeitpunkt der Bestellung. Betriebsleistungen erbringen wir in Rechenzentren in Deutschland. Beratungs- und Entwicklungsleistungen sind Dienstleistungen; einen bestimmten wirtschaftlichen Erfolg schulden wir nicht, soweit nicht ausdrücklich vereinbart.",
        "terms_s4_heading": "§ 4 Preise und Zahlung",
        "terms_s4_text":
            "Alle Preise sind Nettopreise in Euro zuzüglich der gesetzlichen Umsatzsteuer. Für Kunden in anderen EU-Mitgliedstaaten mit gültiger USt-IdNr. gilt die Steuerschuldnerschaft des Leistungsempfängers (Reverse-Charge); bei Kunden außerhalb der EU ist die Leistung nicht im Inland steuerbar. Einmalige Leistungen sind mit der Bestellung fällig, monatliche Leistungen jeweils im Voraus. Die Zahlung erfolgt über Stripe.",
        "terms_s5_heading": "§ 5 Laufzeit und Kündigung",
        "terms_s5_text":
            "Monatliche Leistungen laufen auf unbestimmte Zeit und können von beiden Seiten mit einer Frist von 14 Tagen zum Ende eines Abrechnungsmonats in Textform gekündigt werden. Das Recht zur außerordentlichen Kündigung aus wichtigem Grund bleibt unberührt.",
        "terms_s6_heading": "§ 6 Credits",
        "terms_s6_text":
            "Credits sind Vorauszahlungen auf nutzungsabhängige Leistungen. Sie werden nach Zahlungseingang gutgeschrieben, sind 24 Monate ab Kauf einlösbar und nicht übertragbar. Eine Auszahlung nicht genutzter Credits ist ausgeschlossen, soweit das Gesetz nichts anderes vorschreibt.",
        "terms_s7_heading": "§ 7 Mitwirkung des Kunden",
        "terms_s7_text":
            "Der Kunde stellt die für die Leistung nötigen Informationen, Daten und Zugänge rechtzeitig bereit und stellt sicher, dass er die übergebenen Daten verarbeiten lassen darf. Verzögerungen aus fehlender Mitwirkung verlängern vereinbarte Fristen angemessen.",
        "terms_s8_heading": "§ 8 Haftung",
        "terms_s8_text":
            "Wir haften unbeschränkt bei Vorsatz und grober Fahrlässigkeit, für Schäden aus der Verletzung des Lebens, des Körpers oder der Gesundheit und nach dem Produkthaftungsgesetz. Bei leicht fahrlässiger Verletzung wesentlicher Vertragspflichten ist die Haftung auf den vertragstypischen, vorhersehbaren Schaden begrenzt, höchstens auf die Vergütung der letzten zwölf Monate. Im Übrigen ist die Haftung für leichte Fahrlässigkeit ausgeschlossen.",
        "terms_s9_heading": "§ 9 Datenschutz und Auftragsverarbeitung",
        "terms_s9_text":
            "Soweit wir personenbezogene Daten im Auftrag des Kunden verarbeiten, schließen die Parteien einen Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO, der diesen Bedingungen vorgeht. Im Übrigen gilt unsere Datenschutzerklärung.",
        "terms_s10_heading": "§ 10 Schlussbestimmungen",
        "terms_s10_text":
            "Es gilt das Recht der Bundesrepublik Deutschland unter Ausschluss des UN-Kaufrechts. Ausschließlicher Gerichtsstand für alle Streitigkeiten ist Berlin, soweit der Kunde Kaufmann, juristische Person des öffentlichen Rechts oder öffentlich-rechtliches Sondervermögen ist. Sollte eine Bestimmung unwirksam sein, bleibt der Vertrag im Übrigen wirksam.",
        "terms_version": "Stand: 1. Dezember 2026. Maßgeblich ist die deutsche Fassung.",
    ]

    static let termsEnglish: [String: String] = [
        "terms_title": "General terms and conditions for businesses | Code Zero",
        "terms_description":
            "The terms of German Code Zero AI GmbH for AI services: for businesses only, German law, place of jurisdiction Berlin.",
        "terms_heading": "General terms and conditions",
        "terms_lead":
            "These terms apply to every contract between German Code Zero AI GmbH (“Code Zero”) and its customers for the services offered on this website.",
        "terms_s1_heading": "§ 1 Scope, businesses only",
        "terms_s1_text":
            "We contract exclusively with entrepreneurs within the meaning of § 14 BGB, legal entities under public law and special funds under public law. By ordering, the customer confirms that it acts in the course of its trade, business or profession. The customer's own terms apply only if we agree to them in writing. There is no consumer right of withdrawal.",
        "terms_s2_heading": "§ 2 Conclusion of the contract",
        "terms_s2_text":
            "What the configurator shows is not a binding offer. The customer can correct the selection at any time before submitting it. By selecting “Order with obligation to pay” and paying through Stripe the customer makes a binding offer; the contract is concluded by our order confirmation email, which we send without delay. We store the contract text; the customer can retrieve and save the order, receipts and these terms at any time in the client portal. The contract languages are German and English.",
        "terms_s3_heading": "§ 3 Services",
        "terms_s3_text":
            "The scope of the services follows from the description of the package and add-ons chosen at the time of the order. We provide operations in data centres in Germany. Consulting and development are services; we do not owe a particular commercial result unless expressly agreed.",
        "terms_s4_heading": "§ 4 Prices and payment",
        "terms_s4_text":
            "All prices are net prices in euros plus statutory VAT. For customers in other EU member states with a valid VAT ID the reverse charge applies (VAT to be accounted for by the recipient); for customers outside the EU the service is not taxable in Germany. One-time services are due on ordering, monthly services in advance each month. Payment is made through Stripe.",
        "terms_s5_heading": "§ 5 Term and termination",
        "terms_s5_text":
            "Monthly services run for an indefinite period and either party may terminate them in text form with 14 days' notice to the end of a billing month. The right to terminate for good cause is unaffected.",
        "terms_s6_heading": "§ 6 Credits",
        "terms_s6_text":
            "Credits are prepayments for usage-based services. They are credited once payment has been received, can be redeemed for 24 months from purchase and cannot be transferred. Unused credits are not paid out unless the law requires it.",
        "terms_s7_heading": "§ 7 Customer's cooperation",
        "terms_s7_text":
            "The customer provides the information, data and access needed for the service in good time and makes sure it may have the data it hands over processed. Delays caused by missing cooperation extend agreed deadlines appropriately.",
        "terms_s8_heading": "§ 8 Liability",
        "terms_s8_text":
            "We are liable without limitation for intent and gross negligence, for injury to life, body or health and under the Product Liability Act. For slightly negligent breaches of essential contractual obligations, liability is limited to the foreseeable damage typical of the contract, at most the fees of the last twelve months. Otherwise liability for slight negligence is excluded.",
        "terms_s9_heading": "§ 9 Data protection and processing on behalf",
        "terms_s9_text":
            "Where we process personal data on the customer's behalf, the parties conclude a data processing agreement under Art. 28 GDPR, which takes precedence over these terms. Otherwise our privacy policy applies.",
        "terms_s10_heading": "§ 10 Final provisions",
        "terms_s10_text":
            "The law of the Federal Republic of Germany applies, excluding the UN Convention on Contracts for the International Sale of Goods. The exclusive place of jurisdiction for all disputes is Berlin where the customer is a merchant, a legal entity under public law or a special fund under public law. Should a provision be invalid, the rest of the contract remains valid.",
        "terms_version": "Version: 1 December 2026. The German version prevails.",
    ]
}
