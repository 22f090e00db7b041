import Testing

@testable import Domain

/// The one authorization policy, as tables over every role and capability.
@Suite struct AuthorizationTests {
    @Test(arguments: [
        (Role.client, Capability.ownCompany, true), (.client, .finance, false), (.client, .admin, false),
        (.finance, .ownCompany, true), (.finance, .finance, true), (.finance, .admin, false),
        (.admin, .ownCompany, true), (.admin, .finance, true), (.admin, .admin, true),
    ])
    func rolesHaveTheirCapabilities(role: Role, capability: Capability, allowed: Bool) {
        #expect(Authorization.permits(role, capability) == allowed)
        let principal = Self.principal(role, secondFactor: true)
        #expect(Authorization.decide(principal, capability) == (allowed ? .allowed : .denied))
        // Without a second factor, staff capabilities wait for it; a client's own-company access does not.
        let unverified = Self.principal(role)
        let expected: Authorization.Decision =
            !allowed ? .denied : capability == .ownCompany ? .allowed : .secondFactorRequired
        #expect(Authorization.decide(unverified, capability) == expected)
    }

    @Test(arguments: [
        ("/api/v1/admin/companies", Capability.admin), ("/api/v1/admin/audit", .admin), ("/api/v1/admin", .admin),
        ("/api/v1/finance/purchases", .finance), ("/api/v1/finance", .finance),
        ("/api/v1/administrator", .ownCompany), ("/api/v1/financeX", .ownCompany), ("/api/v1/orders", .ownCompany),
        ("/api/v1/me", .ownCompany), ("/api/v1/billing/purchases/1", .ownCompany),
    ])
    func routesNeedTheirCapability(path: String, capability: Capability) {
        #expect(Authorization.requiredCapability(forPath: path) == capability)
    }

    @Test func aClientIsDeniedTheAdminAndFinanceAPIs() {
        let client = Self.principal(.client)
        #expect(Authorization.decide(client, path: "/api/v1/admin/companies") == .denied)
        #expect(Authorization.decide(client, path: "/api/v1/finance/purchases") == .denied)
        #expect(Authorization.decide(client, path: "/api/v1/orders") == .allowed)
        #expect(Authorization.decide(Self.principal(.finance), path: "/api/v1/admin/audit") == .denied)
        #expect(
            Authorization.decide(Self.principal(.admin, secondFactor: true), path: "/api/v1/admin/audit") == .allowed)
        #expect(Authorization.decide(Self.principal(.admin), path: "/api/v1/admin/audit") == .secondFactorRequired)
    }

    @Test func onlySessionsNeedCSRFTokens() {
        #expect(AuthenticationMethod.session.requiresCSRFToken)
        #expect(!AuthenticationMethod.apiToken.requiresCSRFToken)
    }

    @Test func roleNamesRoundTrip() {
        for role in Role.allCases { #expect(Role(name: role.description) == role) }
        #expect(Role(name: "Admin") == nil)
        #expect(Role(name: "root") == nil)
        #expect(!Role.client.isStaff && Role.finance.isStaff && Role.admin.isStaff)
    }

    static func principal(_ role: Role, secondFactor: Bool = false) -> Principal {
        Principal(
            userID: UserID("u"), email: EmailAddress("a@example.com")!, companyID: CompanyID("c"), role: role,
            method: .session, secondFactor: secondFactor)
    }
}
