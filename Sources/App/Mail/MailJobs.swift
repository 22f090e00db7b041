import Jobs
import Logging
import Mail
import Pages

/// The jobs process's mail handlers: `mail.render` (``RenderMail``) and `mail.send` (``DeliverMail``).
enum MailJobs {
    /// Registers both handlers on `runner`, delivering by SMTP when configured, else into
    /// `$CODEZERO_VAR/mail/` (development).
    static func register(
        on runner: JobRunner, configuration: Configuration, logger: Logger,
        sources: MailAttachmentSources = .standard
    ) {
        let settings = configuration.mail
        let transport = transport(for: configuration)
        let renderer: MailRenderer?
        do {
            renderer = try MailRenderer()
        } catch {
            logger.error("mail templates cannot be loaded", metadata: ["error": "\(error)"])
            renderer = nil
        }
        runner.register(MailOutbox.renderKind) { job, connection in
            guard let renderer else { throw JobsError.invalidJob("mail templates are not loaded") }
            try RenderMail(
                renderer: renderer, from: settings.from, publicURL: configuration.publicURL, sources: sources,
                logger: logger
            ).render(
                try MailOutbox.mailID(in: job.payload), on: connection)
        }
        runner.register(RecordMailFailure.retryKind) { job, connection in
            try RecordMailFailure.retry(try MailOutbox.mailID(in: job.payload), on: connection)
        }
        runner.register(MailOutbox.sendKind) { job, connection in
            try DeliverMail(transport: transport, sender: settings.from.address, logger: logger).deliver(
                try MailOutbox.mailID(in: job.payload), job: job, on: connection)
        }
    }

    /// SMTP when `CODEZERO_SMTP_URL` is set, else the development folder.
    static func transport(for configuration: Configuration) -> any MailTransport {
        if let endpoint = configuration.mail.smtp {
            return SMTPTransport(endpoint: endpoint, caFile: configuration.mail.caFile)
        }
        return MailFolderTransport(folder: mailFolder(configuration))
    }

    /// `$CODEZERO_VAR/mail`.
    static func mailFolder(_ configuration: Configuration) -> String {
        "\(configuration.varDirectory)/mail"
    }
}
