// The privacy policy (Art. 13 GDPR).
extension Strings {
    static let privacyGerman: [String: String] = [
        "privacy_title": "Datenschutzerklärung | Code Zero",
        "privacy_description":
            "Wie die German Code Zero AI GmbH personenbezogene Daten verarbeitet: Zwecke, Rechtsgrundlagen, Empfänger, Speicherdauer und Ihre Rechte.",
        "privacy_heading": "Datenschutzerklärung",
        "privacy_lead":
            "Wir informieren Sie hier nach Art. 13 DSGVO darüber, welche personenbezogenen Daten wir verarbeiten, wozu und auf welcher Rechtsgrundlage.",
        "privacy_objection_heading": "Ihr Widerspruchsrecht (Art. 21 DSGVO)",
        "privacy_objection_text":
            "Soweit wir Daten auf Grundlage berechtigter Interessen (Art. 6 Abs. 1 lit. f DSGVO) verarbeiten, können Sie dem aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen. Eine formlose Nachricht an unsere E-Mail-Adresse genügt.",
        "privacy_controller_heading": "1. Verantwortlicher",
        "privacy_dpo_text":
            "Einen Datenschutzbeauftragten haben wir nicht benannt, weil die Voraussetzungen des § 38 BDSG nicht vorliegen. Ihre Fragen zum Datenschutz richten Sie bitte an die oben genannte E-Mail-Adresse.",
        "privacy_s1_heading": "2. Aufruf der Website und Server-Protokolle",
        "privacy_s1_text":
            "Beim Aufruf verarbeiten wir IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung und eine Anfragekennung, um die Website auszuliefern und Angriffe zu erkennen. Rechtsgrundlage ist unser berechtigtes Interesse an einem sicheren Betrieb (Art. 6 Abs. 1 lit. f DSGVO). Die Protokolle bewahren wir [[period:server_logs]] auf; danach löscht sie die tägliche Protokollrotation.",
        "privacy_s2_heading": "3. Cookies und Einwilligung",
        "privacy_s2_text":
            "Wir setzen nur technisch notwendige Cookies (Sitzung, CSRF-Schutz, Sprachwahl, Ihre Einwilligungsentscheidung); dafür ist nach § 25 Abs. 2 TDDDG keine Einwilligung nötig. Optionale Dienste nutzen wir nur mit Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG); derzeit setzen wir keine ein. Ihre Entscheidung speichern wir als Nachweis (Art. 7 Abs. 1 DSGVO) mit pseudonymer Kennung, Zeitpunkt, Version und gewählten Zwecken und löschen ihn [[period:consent_records]]; eine Entscheidung endet, wenn Sie neu entscheiden, spätestens wenn ihr Cookie abläuft. Sie können sie jederzeit über „Cookie-Einstellungen“ im Fußbereich ändern oder widerrufen. Schriften und Skripte liegen auf unseren eigenen Servern; vor Ihrer Einwilligung werden keine Anfragen an andere Anbieter gestellt.",
        "privacy_s3_heading": "4. Kontaktformular und E-Mail",
        "privacy_s3_text":
            "Wenn Sie uns schreiben, verarbeiten wir Name, Unternehmen, E-Mail-Adresse, Telefonnummer und Nachricht, um Ihre Anfrage zu beantworten – zur Anbahnung eines Vertrags (Art. 6 Abs. 1 lit. b DSGVO) bzw. aus unserem berechtigten Interesse an der Kommunikation mit Geschäftskunden (lit. f). Wir löschen die Anfrage [[period:contact_requests]] nach ihrem Eingang.",
        "privacy_s4_heading": "5. Kundenkonto, Bestellungen und Rechnungen",
        "privacy_s4_text":
            "Für Kundenkonto, Bestellungen, Credits und Rechnungen verarbeiten wir Firmenname, Anschrift, Land, USt-IdNr., E-Mail-Adresse, Passwort (nur als sicherer Hash) und die Bestelldaten zur Erfüllung des Vertrags (Art. 6 Abs. 1 lit. b DSGVO). Kontodaten speichern wir [[period:account]]. Rechnungen, Rechnungskorrekturen und Buchungsbelege bewahren wir aufgrund gesetzlicher Pflichten (Art. 6 Abs. 1 lit. c DSGVO, § 147 AO, § 14b UStG, § 257 HGB) unverändert [[period:invoices]] auf und löschen sie danach.",
        "privacy_s5_heading": "6. Zahlungen über Stripe",
        "privacy_s5_text":
            "Zahlungen wickelt Stripe Payments Europe Ltd., 1 Grand Canal Street Lower, Dublin 2, Irland, auf eigenen Seiten ab (Stripe Checkout). Wir übermitteln dafür Bestellnummer, Betrag und E-Mail-Adresse (Art. 6 Abs. 1 lit. b DSGVO); Kartendaten erhalten wir nicht. Zur Betrugsvorbeugung verarbeitet Stripe weitere Daten in eigener Verantwortung. Die Nachrichten, mit denen Stripe uns über Zahlungen informiert, enthalten Namen und E-Mail-Adressen; ihren Inhalt bewahren wir [[period:webhook_payloads]] auf.",
        "privacy_s6_heading": "7. Empfänger und Auftragsverarbeiter",
        "privacy_s6_text":
            "Empfänger Ihrer Daten sind unser Hosting-Anbieter (Rechenzentrum in Deutschland), unser E-Mail-Anbieter und Stripe. Mit unseren Auftragsverarbeitern haben wir Verträge nach Art. 28 DSGVO geschlossen. Darüber hinaus geben wir Daten nur weiter, wenn wir gesetzlich dazu verpflichtet sind, etwa an Finanzbehörden.",
        "privacy_s7_heading": "8. Übermittlung in Drittländer",
        "privacy_s7_text":
            "Stripe kann Daten an die Stripe, Inc. in den USA übermitteln. Stripe, Inc. ist nach dem EU-US Data Privacy Framework zertifiziert (Angemessenheitsbeschluss nach Art. 45 DSGVO); ergänzend gelten die Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO) aus Stripes Datenverarbeitungsvereinbarung.",
        "privacy_s8_heading": "9. Speicherdauer",
        "privacy_s8_text":
            "Wir speichern Daten nur so lange, wie es für den jeweiligen Zweck nötig ist. Die folgende Tabelle nennt für jede Art von Daten Zweck, Rechtsgrundlage, Speicherdauer und was danach geschieht; dieselbe Tabelle steuert die automatische Löschung in unseren Systemen (stündlich).",
        "privacy_retention_data": "Daten",
        "privacy_retention_purpose": "Zweck",
        "privacy_retention_basis": "Rechtsgrundlage",
        "privacy_retention_period": "Speicherdauer",
        "privacy_retention_end": "Danach",
        "privacy_s9_heading": "10. Ihre Rechte",
        "privacy_s9_text":
            "Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3). Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77), zum Beispiel bei der Berliner Beauftragten für Datenschutz und Informationsfreiheit.",
        "privacy_s10_heading": "11. Pflicht zur Bereitstellung",
        "privacy_s10_text":
            "Für Kundenkonto und Bestellung brauchen wir Firmenname, Anschrift, Land, E-Mail-Adresse und – für Unternehmen in anderen EU-Staaten – die USt-IdNr.; ohne diese Angaben können wir keinen Vertrag schließen. Das Kontaktformular ist freiwillig.",
        "privacy_s11_heading": "12. Automatisierte Entscheidungen",
        "privacy_s11_text":
            "Wir treffen keine ausschließlich automatisierten Entscheidungen einschließlich Profiling im Sinne des Art. 22 DSGVO. Die automatische Prüfung des Formats Ihrer USt-IdNr. entscheidet nur über den Steuersatz, den wir nach dem Gesetz anwenden müssen.",
        "privacy_version": "Stand: 6. Dezember 2026",
    ]

    static let privacyEnglish: [String: String] = [
        "privacy_title": "Privacy policy | Code Zero",
        "privacy_description":
            "How German Code Zero AI GmbH processes personal data: purposes, legal bases, recipients, retention and your rights.",
        "privacy_heading": "Privacy policy",
        "privacy_lead":
            "Under Art. 13 GDPR we tell you here which personal data we process, for what purpose and on which legal basis.",
        "privacy_objection_heading": "Your right to object (Art. 21 GDPR)",
        "privacy_objection_text":
            "Where we process data on the basis of legitimate interests (Art. 6 (1)(f) GDPR), you may object at any time on grounds relating to your particular situation. An informal message to our email address is enough.",
        "privacy_controller_heading": "1. Controller",
        "privacy_dpo_text":
            "We have not appointed a data protection officer, as the conditions of § 38 BDSG are not met. Please send questions about data protection to the email address above.",
        "privacy_s1_heading": "2. Visiting the website and server logs",
        "privacy_s1_text":
            "When you visit, we process the IP address, time, requested address, browser identification and a request id to deliver the website and detect attacks. The legal basis is our legitimate interest in secure operation (Art. 6 (1)(f) GDPR). We keep the logs for [[period:server_logs]]; the daily log rotation then deletes them.",
        "privacy_s2_heading": "3. Cookies and consent",
        "privacy_s2_text":
            "We only set strictly necessary cookies (session, CSRF protection, language choice, your consent decision); these need no consent under § 25 (2) TDDDG. We use optional services only with your consent (Art. 6 (1)(a) GDPR, § 25 (1) TDDDG); at present we use none. We store your decision as proof (Art. 7 (1) GDPR) with a pseudonymous id, the time, the version and the purposes chosen, and delete that record [[period:consent_records]]; a decision ends when you decide again, at the latest when its cookie expires. You can change or withdraw it at any time through “Cookie settings” in the footer. Fonts and scripts are served from our own servers; no request goes to another provider before you consent.",
        "privacy_s3_heading": "4. Contact form and email",
        "privacy_s3_text":
            "When you write to us, we process your name, company, email address, phone number and message to answer your request – to prepare a contract (Art. 6 (1)(b) GDPR) or out of our legitimate interest in communicating with business customers (f). We delete the request [[period:contact_requests]] after we received it.",
        "privacy_s4_heading": "5. Client account, orders and invoices",
        "privacy_s4_text":
            "For the client account, orders, credits and invoices we process the company name, address, country, VAT ID, email address, password (only as a secure hash) and the order data to perform the contract (Art. 6 (1)(b) GDPR). We keep account data [[period:account]]. We keep invoices, corrections and accounting records unaltered as required by law (Art. 6 (1)(c) GDPR, § 147 AO, § 14b UStG, § 257 HGB) for [[period:invoices]] and delete them afterwards.",
        "privacy_s5_heading": "6. Payments through Stripe",
        "privacy_s5_text":
            "Payments are handled by Stripe Payments Europe Ltd., 1 Grand Canal Street Lower, Dublin 2, Ireland, on its own pages (Stripe Checkout). We pass on the order number, the amount and the email address (Art. 6 (1)(b) GDPR); we never receive card data. Stripe processes further data under its own responsibility to prevent fraud. The messages in which Stripe tells us about payments contain names and email addresses; we keep their content for [[period:webhook_payloads]].",
        "privacy_s6_heading": "7. Recipients and processors",
        "privacy_s6_text":
            "Your data is received by our hosting provider (data centre in Germany), our email provider and Stripe. We have concluded contracts under Art. 28 GDPR with our processors. Beyond that we only pass on data where the law requires it, for example to tax authorities.",
        "privacy_s7_heading": "8. Transfers to third countries",
        "privacy_s7_text":
            "Stripe may transfer data to Stripe, Inc. in the USA. Stripe, Inc. is certified under the EU-US Data Privacy Framework (adequacy decision under Art. 45 GDPR); in addition, the European Commission's standard contractual clauses (Art. 46 (2)(c) GDPR) in Stripe's data processing agreement apply.",
        "privacy_s8_heading": "9. Retention",
        "privacy_s8_text":
            "We keep data only as long as its purpose requires. The table below names, for each kind of data, the purpose, the legal basis, the retention period and what happens afterwards; the same table drives the automatic deletion in our systems (hourly).",
        "privacy_retention_data": "Data",
        "privacy_retention_purpose": "Purpose",
        "privacy_retention_basis": "Legal basis",
        "privacy_retention_period": "Retention",
        "privacy_retention_end": "Afterwards",
        "privacy_s9_heading": "10. Your rights",
        "privacy_s9_text":
            "You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object (Art. 21). You may withdraw a consent at any time with effect for the future (Art. 7 (3)). You may lodge a complaint with a data protection supervisory authority (Art. 77), for example the Berlin Commissioner for Data Protection and Freedom of Information.",
        "privacy_s10_heading": "11. Obligation to provide data",
        "privacy_s10_text":
            "For a client account and an order we need the company name, address, country, email address and – for businesses in other EU countries – the VAT ID; without them we cannot conclude a contract. The contact form is voluntary.",
        "privacy_s11_heading": "12. Automated decisions",
        "privacy_s11_text":
            "We make no decisions based solely on automated processing, including profiling, within the meaning of Art. 22 GDPR. The automatic check of your VAT ID's format only decides the tax rate the law requires us to apply.",
        "privacy_version": "Version: 6 December 2026",
    ]
}
