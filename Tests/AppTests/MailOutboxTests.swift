import Domain
import Foundation
import Jobs
import Logging
import Mail
import Pages
import Postgres
import TestSupport
import Testing

@testable import App

/// The outbox: a mail exists exactly when the transaction that enqueued it commits, is rendered once into
/// stored bytes and delivered by the jobs process (here into the development mail folder).
@Suite struct MailOutboxTests {
    let database: TestDatabase
    let configuration: Configuration
    let folder: String

    init() throws {
        database = try TestDatabase.makeMigrated()
        let varDirectory = NSTemporaryDirectory() + "codezero-mail-\(UUID().uuidString)"
        configuration = Configuration(
            varDirectory: varDirectory, publicURL: "https://shop.example",
            mail: MailSettings(from: try MailAddress("noreply@shop.example", name: "Code Zero")))
        folder = MailJobs.mailFolder(configuration)
    }

    func runJobs() throws {
        var logger = Logger(label: "codezero.test.mail")
        logger.logLevel = .critical
        let runner = JobRunner(connection: database.connect(), logger: logger)
        MailJobs.register(on: runner, configuration: configuration, logger: logger)
        _ = try runner.runOnce()
    }

    static let mail = OutgoingMail(
        template: "verify-email", to: "joerg@example.com", name: "Jörg Müller", language: .de,
        values: [
            "company": .text("Müller & Söhne <GmbH>"), "link": .link("https://shop.example/de/x?token=abc"),
            "hours": .number(48),
        ])

    @Test func aRolledBackTransactionSendsNothing() throws {
        let connection = database.connect()
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction { transaction in
                try MailOutbox.enqueue(Self.mail, on: transaction)
                throw Abort()
            }
        }
        #expect(try connection.query("SELECT count(*)::int8 AS n FROM mail_outbox")[0].int("n") == 0)
        #expect(try connection.query("SELECT count(*)::int8 AS n FROM jobs WHERE kind LIKE 'mail.%'")[0].int("n") == 0)
    }

    @Test func aCommittedMailIsRenderedOnceAndDelivered() throws {
        let connection = database.connect()
        let id = try connection.transaction { try MailOutbox.enqueue(Self.mail, on: $0) }
        let unwrapped = try #require(id)
        try runJobs()
        let row = try connection.query(
            "SELECT status, message_id, message IS NULL AS erased FROM mail_outbox WHERE id = \(unwrapped)")[0]
        #expect(try row.string("status") == "SENT")
        #expect(try row.bool("erased"), "a verification mail's bytes are erased once sent")
        let file = "\(folder)/\(unwrapped)-verify-email.eml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("Message-ID: \(try row.string("message_id"))"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        // The HTML part escapes the company name; the text part keeps it as written.
        let decoded = Self.quotedPrintableDecoded(text)
        #expect(decoded.contains("Müller &amp; Söhne &lt;GmbH&gt;"))
        #expect(decoded.contains("Müller & Söhne <GmbH>"))
        #expect(!text.contains("<img"))
    }

    /// Undoes quoted-printable (soft breaks and `=XX`) over the whole message, for searching.
    static func quotedPrintableDecoded(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    @Test func aDuplicateKeyEnqueuesOnce() throws {
        let connection = database.connect()
        var mail = Self.mail
        mail.dedupeKey = "verify:1"
        #expect(try MailOutbox.enqueue(mail, on: connection) != nil)
        #expect(try MailOutbox.enqueue(mail, on: connection) == nil)
    }

    @Test(arguments: ["a@b.c\r\nBcc: x@y.z", "not-an-address", "a@example.com>"])
    func anInvalidRecipientIsRefusedAtEnqueue(address: String) throws {
        var mail = Self.mail
        mail.recipient = address
        #expect(throws: MailError.self) { try MailOutbox.enqueue(mail, on: database.connect()) }
    }

    @Test func anInvalidStoredRecipientFailsBeforeSMTP() throws {
        let connection = database.connect()
        let id = try #require(try MailOutbox.enqueue(Self.mail, on: connection))
        // Written around the API (as a bug or a manual edit might): the renderer checks again.
        try connection.execute("UPDATE mail_outbox SET recipient = 'x@y.z>' WHERE id = \(id)")
        try runJobs()
        let row = try connection.query("SELECT status, last_reply FROM mail_outbox WHERE id = \(id)")[0]
        #expect(try row.string("status") == "FAILED")
        #expect(try row.string("last_reply") == "invalid recipient address")
        let incidents = try connection.query(
            "SELECT count(*)::int8 AS n FROM incidents WHERE kind = 'mail.failed' AND dedupe_key = \("mail.failed:\(id)")"
        )
        #expect(try incidents[0].int("n") == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/\(id)-verify-email.eml"))
    }

    @Test func anUnknownTemplateFails() throws {
        let connection = database.connect()
        var mail = Self.mail
        mail.template = "no-such-mail"
        let id = try #require(try MailOutbox.enqueue(mail, on: connection))
        try runJobs()
        #expect(try connection.query("SELECT status FROM mail_outbox WHERE id = \(id)")[0].string("status") == "FAILED")
    }

    @Test func everyTemplateRendersInBothLanguages() throws {
        let renderer = try MailRenderer()
        #expect(renderer.templateIDs.count >= 5)
        for id in renderer.templateIDs {
            for language in [Language.de, .en] {
                let mail = try #require(renderer.render(id, language: language, values: [:]))
                #expect(!mail.subject.isEmpty && mail.html.contains("<html lang=\"\(language.rawValue)\">"))
            }
        }
    }
}
