public import Postgres

/// Where ``OutgoingAttachment/stored(source:reference:filename:contentType:)`` attachments come from: one
/// loader per source name, run by the jobs process inside the rendering transaction. A loader returns the
/// bytes, or nil when the reference does not exist (the mail then FAILS, visibly, instead of going out
/// without its attachment); throw to retry later (e.g. a document not rendered yet).
///
/// Add a source with one line in ``standard``.
public struct MailAttachmentSources: Sendable {
    /// Loads the bytes for `reference`.
    public typealias Loader = @Sendable (_ reference: String, _ connection: PostgresConnection) throws -> [UInt8]?

    /// The loaders by source name.
    public var loaders: [String: Loader]

    /// Creates sources from `loaders`.
    public init(loaders: [String: Loader] = [:]) {
        self.loaders = loaders
    }

    /// The sources the jobs process uses.
    public static var standard: MailAttachmentSources {
        MailAttachmentSources(loaders: [:])
    }
}
