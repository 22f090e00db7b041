public import Domain
public import Foundation

/// The portal's support pages (issue 13 item 7): the company's requests with their status and the form for a new
/// one (optionally about one of the company's orders or invoices), and one request's thread with the reply form
/// and the close button.
public struct PortalSupport: Sendable {
    /// One request in the list.
    public struct Request: Sendable {
        /// Its id (the thread page's `?id=`).
        public var id: String
        /// The subject.
        public var subject: String
        /// `open`, `answered` or `closed` (labels `support_status_<status>`).
        public var status: String
        /// What it is about ("Rechnung CZ-…"), if anything.
        public var about: String?
        /// When the last message or change happened.
        public var updated: Date

        /// A row.
        public init(id: String, subject: String, status: String, about: String?, updated: Date) {
            self.id = id
            self.subject = subject
            self.status = status
            self.about = about
            self.updated = updated
        }
    }

    /// One message of a thread.
    public struct Message: Sendable {
        /// Whether staff wrote it (else someone of the client's company).
        public var fromStaff: Bool
        /// The text.
        public var body: String
        /// When.
        public var created: Date

        /// A message.
        public init(fromStaff: Bool, body: String, created: Date) {
            self.fromStaff = fromStaff
            self.body = body
            self.created = created
        }
    }

    /// The company's requests, most recently active first.
    public var requests: [Request]
    /// The choices of the new-request form's "about" select: value `order:<id>` or `invoice:<id>`, and its label.
    public var references: [FormField.Option]
    /// The thread shown on the thread page.
    public var thread: (request: Request, messages: [Message])?

    /// The pages' data.
    public init(
        requests: [Request] = [], references: [FormField.Option] = [],
        thread: (request: Request, messages: [Message])? = nil
    ) {
        self.requests = requests
        self.references = references
        self.thread = thread
    }

    /// The new-request form's fields.
    public static func newRequestFields(references: [FormField.Option]) -> [FormField] {
        [
            FormField("subject", label: "field_support_subject", required: true, hint: "hint_support_subject"),
            FormField("reference", label: "field_support_reference", kind: .select(references)),
            FormField(
                "message", label: "field_support_message", kind: .textarea, required: true,
                hint: "hint_support_message"),
        ]
    }

    /// The reply form's field.
    public static let replyFields = [
        FormField(
            "message", label: "field_support_reply", kind: .textarea, required: true, hint: "hint_support_message")
    ]

    /// The path of request `id`'s thread page in `language`.
    public static func threadPath(_ id: String, in language: Language) -> String {
        Page.supportThread.path(in: language) + "?id=" + id
    }

    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let row = { (request: Request) -> TemplateObject in
            var item: TemplateObject = [
                "id": .text(request.id), "subject": .text(request.subject),
                "href": .text(Self.threadPath(request.id, in: language)),
                "status": .text(strings["support_status_" + request.status] ?? request.status),
                "closed": .flag(request.status == "closed"),
                "updated": .text(DateText.text(request.updated, in: language)),
                "updated_iso": .text(DateText.iso(request.updated)),
            ]
            if let about = request.about { item["about"] = .text(about) }
            return item
        }
        var values: TemplateObject = [
            "has_requests": .flag(!requests.isEmpty), "requests": .objects(requests.map(row)),
        ]
        if let thread {
            values["thread"] = .object(row(thread.request))
            values["messages"] = .objects(
                thread.messages.map { message -> TemplateObject in
                    [
                        "from_staff": .flag(message.fromStaff),
                        "author": .text(
                            strings[message.fromStaff ? "support_author_staff" : "support_author_client"] ?? ""),
                        "lines": .texts(
                            message.body.split(separator: "\n", omittingEmptySubsequences: false).map {
                                String($0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")))
                            }), "created": .text(DateText.text(message.created, in: language)),
                        "created_iso": .text(DateText.iso(message.created)),
                    ]
                })
        }
        return .object(values)
    }
}
