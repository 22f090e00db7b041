import Domain
public import Foundation

/// The portal's team page: the company's members and, for the owner, the pending invitations with the forms to
/// invite, revoke and remove (others see the list read-only).
public struct PortalTeam: Sendable {
    /// One member.
    public struct Member: Sendable {
        /// The user id (the remove form posts it).
        public var userID: String
        /// The address.
        public var email: String
        /// The role (labels `role_<role>`).
        public var role: String
        /// Whether they own the company.
        public var isOwner: Bool
        /// When they joined.
        public var joinedAt: Date

        /// A member row.
        public init(userID: String, email: String, role: String, isOwner: Bool, joinedAt: Date) {
            self.userID = userID
            self.email = email
            self.role = role
            self.isOwner = isOwner
            self.joinedAt = joinedAt
        }
    }

    /// One pending invitation (never its token).
    public struct Pending: Sendable {
        /// The invitation id (the revoke form posts it).
        public var id: String
        /// The invited address.
        public var email: String
        /// When it stops working.
        public var expiresAt: Date

        /// A pending row.
        public init(id: String, email: String, expiresAt: Date) {
            self.id = id
            self.email = email
            self.expiresAt = expiresAt
        }
    }

    /// The members, the owner first.
    public var members: [Member]
    /// The pending invitations (shown to the owner only).
    public var pending: [Pending]
    /// Whether the viewer owns the company (sees the forms).
    public var isOwner: Bool

    /// The page's data.
    public init(members: [Member], pending: [Pending], isOwner: Bool) {
        self.members = members
        self.pending = pending
        self.isOwner = isOwner
    }

    /// The template's values in `language`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        [
            "is_owner": .flag(isOwner),
            "members": .list(
                members.map { member in
                    [
                        "user_id": .text(member.userID), "email": .text(member.email),
                        "role": .text(
                            member.isOwner
                                ? (strings["team_role_owner"] ?? "") : (strings["role_" + member.role] ?? member.role)),
                        "owner": .flag(member.isOwner), "removable": .flag(isOwner && !member.isOwner),
                        "joined": .text(DateText.text(member.joinedAt, in: language)),
                        "joined_iso": .text(DateText.iso(member.joinedAt)),
                    ]
                }),
            "has_pending": .flag(isOwner && !pending.isEmpty),
            "pending": .list(
                (isOwner ? pending : []).map { row in
                    [
                        "id": .text(row.id), "email": .text(row.email),
                        "expires": .text(DateText.text(row.expiresAt, in: language)),
                        "expires_iso": .text(DateText.iso(row.expiresAt)),
                    ]
                }),
        ]
    }
}
