import Testing

@testable import Domain

/// Creating catalog items (issue 13 item 6): slugs, names and descriptions in both languages, integer cents in
/// range, and the fields that belong to each kind.
@Suite struct NewCatalogItemTests {
    static let names = LocalizedText(de: "Neues Paket", en: "New package")

    @Test(
        arguments: [
            ("credits_50", true), ("ab", true), ("a", false), ("50_credits", false), ("Credits", false),
            ("credits-50", false), ("crédits", false), ("", false), (String(repeating: "a", count: 64), true),
            (String(repeating: "a", count: 65), false),
        ] as [(String, Bool)])
    func idsAreSlugs(id: String, valid: Bool) {
        #expect(NewCatalogItem.isSlug(id) == valid, "\(id)")
    }

    @Test func aCompletePackageIsValid() {
        let item = NewCatalogItem(
            kind: .package, id: "assistant_plus", name: Self.names,
            description: LocalizedText(de: "Beschreibung", en: "Description"), netCents: 99_000, interval: .monthly)
        #expect(item.validate().isEmpty)
    }

    @Test func everyProblemIsNamedByItsField() {
        let item = NewCatalogItem(
            kind: .package, id: "Bad Id", name: LocalizedText(de: " ", en: String(repeating: "x", count: 201)),
            description: LocalizedText(de: "", en: "ok"), netCents: -1)
        #expect(
            item.validate() == [
                "id": .invalidID, "name_de": .required, "name_en": .tooLong, "description_de": .required,
                "net_cents": .outOfRange,
            ])
        let expensive = NewCatalogItem(
            kind: .addon, id: "gpu_cluster", name: Self.names, description: Self.names,
            netCents: NewCatalogItem.maximumNetCents + 1, maxQuantity: 0)
        #expect(expensive.validate() == ["net_cents": .outOfRange, "max_quantity": .outOfRange])
    }

    @Test func creditPacksNeedCreditsAndNoDescriptionAndAreOneOff() {
        let pack = NewCatalogItem(kind: .creditPack, id: "credits_50", name: Self.names, netCents: 5_999, credits: 50)
        #expect(pack.validate().isEmpty, "a credit pack has no description")
        var monthly = pack
        monthly.interval = .monthly
        monthly.credits = 0
        #expect(monthly.validate() == ["interval": .notApplicable, "credits": .outOfRange])
        let free = NewCatalogItem(kind: .creditPack, id: "credits_free", name: Self.names, netCents: 0, credits: 1)
        #expect(free.validate().isEmpty, "a price of 0 is allowed")
    }
}
