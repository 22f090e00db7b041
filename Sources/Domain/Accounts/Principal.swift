/// Who is making a request: the authenticated person, the company they act for, and their role there.
///
/// Every store method that reads or writes company data takes the principal's ``companyID`` and filters
/// by it, so another company's object is simply not found (a 404, never a 403 that confirms it exists).
public struct Principal: Sendable, Hashable {
    /// The person.
    public let userID: UserID
    /// Their e-mail address.
    public let email: EmailAddress
    /// The company they act for (for staff, the operator company).
    public let companyID: CompanyID
    /// Their role in that company.
    public let role: Role
    /// How the request was authenticated.
    public let method: AuthenticationMethod
    /// The API token used, when ``method`` is ``AuthenticationMethod/apiToken``; `nil` for sessions.
    public let tokenID: String?
    /// Whether a second factor vouches for this principal: the session was verified with a TOTP or recovery code,
    /// or the token was created by such a session. Staff capabilities need it (``Authorization``).
    public let secondFactor: Bool

    /// A principal.
    public init(
        userID: UserID, email: EmailAddress, companyID: CompanyID, role: Role, method: AuthenticationMethod,
        tokenID: String? = nil, secondFactor: Bool = false
    ) {
        self.userID = userID
        self.email = email
        self.companyID = companyID
        self.role = role
        self.method = method
        self.tokenID = tokenID
        self.secondFactor = secondFactor
    }
}
