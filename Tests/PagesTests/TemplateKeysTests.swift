import Domain
import Foundation
import Testing

@testable import Pages

/// Every `{{t.key}}` a template uses exists in both languages, and every page has its title and description.
@Suite struct TemplateKeysTests {
    static let templatesFolder: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/Sources/Pages/Templates"
    }()

    static func keysUsedByTemplates() throws -> [String: Set<String>] {
        var keys: [String: Set<String>] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: templatesFolder).filter {
            $0.hasSuffix(".mustache")
        }
        let pattern = try NSRegularExpression(pattern: #"\{\{[#^/]?\s*t\.([a-z0-9_]+)\s*\}\}"#)
        for file in files {
            let text = try String(contentsOfFile: templatesFolder + "/" + file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                keys[file, default: []].insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return keys
    }

    @Test func templatesUseOnlyKeysThatExistInEveryLanguage() throws {
        let used = try Self.keysUsedByTemplates()
        #expect(used.count >= 20, "the templates were not found")
        for language in Language.allCases {
            let table = Strings.table(for: language)
            for (file, keys) in used {
                let missing = keys.filter { table[$0] == nil }.sorted()
                #expect(missing.isEmpty, "\(file) uses keys missing in \(language.rawValue): \(missing)")
            }
        }
    }

    @Test(arguments: Page.allCases) func everyPageHasTitleDescriptionAndTemplate(page: Page) throws {
        for language in Language.allCases {
            let table = Strings.table(for: language)
            #expect(!(table[page.key + "_title"] ?? "").isEmpty, "\(page) title in \(language.rawValue)")
            #expect(!(table[page.key + "_description"] ?? "").isEmpty, "\(page) description in \(language.rawValue)")
        }
        #expect(FileManager.default.fileExists(atPath: "\(Self.templatesFolder)/\(page.template).mustache"))
    }

    @Test func keysReferencedFromSwiftExist() {
        var keys = ContactForm.fields.flatMap { [$0.labelKey] + ($0.hintKey.map { [$0] } ?? []) }
        keys += PortalForms.register(in: .de).flatMap { [$0.labelKey] + ($0.hintKey.map { [$0] } ?? []) }
        keys += PortalForms.login.map(\.labelKey) + PortalForms.newToken.map(\.labelKey)
        keys += ConsentDecision.Purpose.allCases.flatMap {
            ["consent_purpose_" + $0.rawValue, "consent_purpose_" + $0.rawValue + "_text"]
        }
        keys += ["interval_monthly", "interval_one_time", "credits_pack_name", "error_login_failed", "error_csrf"]
        keys += ["pending", "paid", "failed", "expired", "cancelled", "refunded", "fulfilled"].map { "status_" + $0 }
        keys += ["owner", "admin", "finance", "member", "client"].map { "role_" + $0 }
        keys += ["nav_services", "nav_pricing", "nav_configurator", "nav_contact", "nav_login", "nav_account"]
        keys += ["nav_imprint", "nav_privacy", "nav_terms", "nav_consent"]
        keys += [
            "error_required", "error_email", "error_too_long", "error_message_too_long", "error_password_short",
            "error_b2b_confirm",
        ]
        for language in Language.allCases {
            let table = Strings.table(for: language)
            for key in keys { #expect(table[key] != nil, "\(key) missing in \(language.rawValue)") }
        }
    }

    @Test(arguments: DomainErrorSample.all) func everyDomainErrorHasAMessage(sample: DomainErrorSample) {
        for language in Language.allCases {
            #expect(Strings.table(for: language)[sample.error.messageKey] != nil, "\(sample.error)")
        }
    }
}

/// A DomainError wrapped for `@Test(arguments:)`.
struct DomainErrorSample: Sendable, CustomStringConvertible {
    let error: DomainError
    var description: String { error.description }

    static let all: [DomainErrorSample] = {
        let austria = try! Country(code: "AT")
        let errors: [DomainError] = [
            .unknownCountry("XX"), .unknownCurrency("XYZ"), .vatIdRequired(country: austria), .invalidVatId(.empty),
            .invalidVatId(.missingCountryPrefix), .invalidVatId(.notEUPrefix("XI")),
            .invalidVatId(.countryMismatch(buyerCountry: austria, vatPrefix: "DE")),
            .invalidVatId(.invalidFormat(austria)), .invalidVatId(.invalidChecksum(austria)), .unknownPackage("p"),
            .unknownAddon("a"), .unknownProduct("x"), .inactiveItem("i"),
            .quantityOutOfRange(addon: "a", quantity: 9, maximum: 1), .duplicateAddon("a"), .invalidCatalog("c"),
        ]
        return errors.map(DomainErrorSample.init)
    }()
}
