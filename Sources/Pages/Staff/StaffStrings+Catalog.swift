extension StaffStrings {
    /// The catalog page's words for credit packs, new items and plans (issue 13 item 6), merged into ``table(for:)``.
    static let catalogGerman: [String: String] = [
        "catalog_credit_packs": "Credit-Pakete",
        "catalog_new": "Neuer Katalogeintrag",
        "catalog_new_intro":
            "Ein neuer Eintrag ist sofort bestellbar; der öffentliche Seiten-Cache wird geleert. Die ID ist dauerhaft. "
            + "Ein monatliches Paket oder eine monatliche Zusatzleistung ist zugleich ein Tarif: Grundgebühr ist der "
            + "Nettopreis, dazu die inklusiven Einheiten und der Preis je weiterer Einheit. Zum Deaktivieren "
            + "„bestellbar“ beim Eintrag abwählen – bestehende Bestellungen und Rechnungen bleiben unverändert.",
        "new_package": "Neues Paket",
        "new_addon": "Neue Zusatzleistung",
        "new_credit_pack": "Neues Credit-Paket",
        "catalog_create": "Anlegen",
        "field_item_id": "ID",
        "hint_item_id": "Kleinbuchstaben, Ziffern und _, beginnt mit einem Buchstaben, z. B. credits_50",
        "hint_price": "z. B. 1490 oder 1490,50",
        "field_interval": "Abrechnung",
        "field_max_quantity": "Höchstmenge je Bestellung",
        "field_pack_credits": "Credits im Paket",
        "field_included": "Inklusive",
        "hint_included": "Einheiten pro Monat, leer lassen für keine",
        "field_overage": "Preis je weiterer Einheit in Euro:",
        "hint_overage": "bis zu 4 Nachkommastellen, z. B. 0,0375",
        "error_item_id": "Kleinbuchstaben, Ziffern und _, beginnt mit einem Buchstaben, 2 bis 64 Zeichen.",
        "error_item_id_taken": "Diese ID ist bereits vergeben (Pakete, Zusatzleistungen und Credit-Pakete).",
        "error_interval": "Bitte einmalig oder monatlich wählen.",
        "error_max_quantity": "Eine ganze Zahl von 1 bis 1000.",
        "error_pack_credits": "Eine ganze Zahl von 1 bis 1000000.",
        "error_included": "Eine Menge mit höchstens 3 Nachkommastellen, z. B. 5000.",
        "error_overage": "Ein Betrag in Euro mit höchstens 4 Nachkommastellen, z. B. 0,0375.",
        "flash_catalog_created": "Der Eintrag wurde angelegt.",
    ]

    /// The English counterpart of ``catalogGerman``.
    static let catalogEnglish: [String: String] = [
        "catalog_credit_packs": "Credit packs",
        "catalog_new": "New catalog item",
        "catalog_new_intro":
            "A new item can be ordered at once; the public page cache is purged. The id is permanent. A monthly "
            + "package or add-on is also a plan: its base fee is the net price, plus the included units and the "
            + "price of each further unit. To deactivate an item, untick “can be ordered” on it — existing orders and "
            + "invoices stay as they are.",
        "new_package": "New package",
        "new_addon": "New add-on",
        "new_credit_pack": "New credit pack",
        "catalog_create": "Create",
        "field_item_id": "Id",
        "hint_item_id": "lower-case letters, digits and _, starting with a letter, e.g. credits_50",
        "hint_price": "e.g. 1490 or 1490.50",
        "field_interval": "Billing",
        "field_max_quantity": "Maximum quantity per order",
        "field_pack_credits": "Credits in the pack",
        "field_included": "Included",
        "hint_included": "units a month, leave empty for none",
        "field_overage": "Price per further unit in euros:",
        "hint_overage": "up to 4 decimals, e.g. 0.0375",
        "error_item_id": "Lower-case letters, digits and _, starting with a letter, 2 to 64 characters.",
        "error_item_id_taken": "This id is taken already (packages, add-ons and credit packs).",
        "error_interval": "Please choose one-off or monthly.",
        "error_max_quantity": "A whole number from 1 to 1000.",
        "error_pack_credits": "A whole number from 1 to 1000000.",
        "error_included": "A quantity with at most 3 decimals, e.g. 5000.",
        "error_overage": "A euro amount with at most 4 decimals, e.g. 0.0375.",
        "flash_catalog_created": "The item was created.",
    ]
}
