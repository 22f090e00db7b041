/// A new invitation and its token: the only time the token exists outside the mail.
public struct IssuedInvitation: Sendable {
    /// The stored invitation.
    public let invitation: Invitation
    /// The secret for the link (only its SHA-256 is stored; never logged).
    public let token: String
}
