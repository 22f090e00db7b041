public import Domain

/// What ``AccountStore/createStaffUser(email:password:role:actor:ip:)`` did.
public enum StaffCreationOutcome: Sendable, Hashable {
    /// The staff user was created in the operator company.
    case created(Account)
    /// A user with this e-mail (ignoring case) already exists.
    case emailTaken
    /// The password breaks the policy.
    case weakPassword(PasswordPolicy.Rejection)
    /// `client` is not a staff role.
    case notAStaffRole
}
