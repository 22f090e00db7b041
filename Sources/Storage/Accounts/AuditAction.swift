/// What an audit entry records, as a dotted lower-case name (`login.success`, `token.create`).
public struct AuditAction: Sendable, Hashable, CustomStringConvertible {
    /// The name, matching `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`.
    public let name: String

    /// An action by name; traps on a malformed name (names are written in code, not taken from input).
    public init(_ name: String) {
        precondition(AuditAction.isValid(name), "malformed audit action name")
        self.name = name
    }

    /// A company and its owner registered.
    public static let register = AuditAction("account.register")
    /// A staff user was created (`codezero user create`).
    public static let staffCreate = AuditAction("account.staff_create")
    /// A user changed their password (outcome failure: the current password was wrong).
    public static let passwordChange = AuditAction("account.password_change")
    /// A user was disabled.
    public static let disable = AuditAction("account.disable")
    /// A login attempt (outcome success, failure, or denied when throttled).
    public static let login = AuditAction("auth.login")
    /// A session was ended by logout.
    public static let logout = AuditAction("auth.logout")
    /// Every session of a user was ended.
    public static let logoutEverywhere = AuditAction("auth.logout_everywhere")
    /// An API token was created.
    public static let tokenCreate = AuditAction("token.create")
    /// An API token was revoked.
    public static let tokenRevoke = AuditAction("token.revoke")
    /// A membership's role changed.
    public static let roleChange = AuditAction("role.change")

    /// An admin action, e.g. `admin("companies.list")` → `admin.companies.list`.
    public static func admin(_ what: String) -> AuditAction { AuditAction("admin." + what) }

    /// The name.
    public var description: String { name }

    static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.utf8.first, (0x61...0x7A).contains(first) else { return false }
            return part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
        }
    }
}
