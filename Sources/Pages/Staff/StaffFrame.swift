public import Domain

/// What every back-office page shows around its content: language, who is signed in, the navigation their
/// role may use, and the session's CSRF token for the forms.
public struct StaffFrame: Sendable {
    /// The page's language.
    public var language: Language
    /// The requested path (the language switch links to the same page in the other language).
    public var path: String
    /// The session's CSRF token (hidden field `csrf_token` of every form); nil before sign-in.
    public var csrfToken: String?
    /// The signed-in staff member's e-mail address; nil on the sign-in page.
    public var email: String?
    /// Whether the staff member is an admin (incidents and the audit log are admin-only).
    public var isAdmin: Bool
    /// Whether the session gave its second factor (the navigation is shown only then).
    public var verified: Bool
    /// How many support requests wait for staff (shown beside "Support" in an admin's navigation).
    public var openSupportRequests = 0

    /// A frame; anonymous, unverified and without navigation by default.
    public init(
        language: Language, path: String, csrfToken: String? = nil, email: String? = nil, isAdmin: Bool = false,
        verified: Bool = false
    ) {
        self.language = language
        self.path = path
        self.csrfToken = csrfToken
        self.email = email
        self.isAdmin = isAdmin
        self.verified = verified
    }
}
