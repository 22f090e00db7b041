import Domain
import Storage
import Web

/// Staff routes: `/api/v1/admin/*` needs `admin`, `/api/v1/finance/*` `finance` or `admin`. Every admin read
/// is itself audited.
enum AdminRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/admin/companies",
            RouteDocumentation(
                "All customer companies (paged: limit, offset).", tag: "admin", access: .admin,
                responses: [(200, "Companies"), (401, "Not signed in"), (403, "Not an admin")],
                response: .object([
                    "companies": .array(AccountJSON.companySchema), "limit": .integer, "offset": .integer,
                ]), query: Paging.parameters), companies)
        table.add(
            .get, "/api/v1/admin/audit",
            RouteDocumentation(
                "The audit log, newest first (paged: limit, before; filter: company_id).", tag: "admin",
                access: .admin,
                responses: [
                    (200, "Audit entries"), (400, "Bad paging or company_id"), (401, "Not signed in"),
                    (403, "Not an admin"),
                ],
                response: .object(["entries": .array(AccountJSON.auditSchema), "next_before": APISchema.integer.orNull]
                ),
                query: [
                    Paging.limitParameter, APIParameter("before", .integer(minimum: 1), "Entries older than this id"),
                    APIParameter("company_id", .uuid, "Only this company's entries"),
                ]), audit)
        table.add(
            .get, "/api/v1/finance/purchases",
            RouteDocumentation(
                "Every company's purchases, newest first (paged: limit, offset; filter: status).", tag: "finance",
                access: .finance,
                responses: [(200, "Purchases"), (401, "Not signed in"), (403, "Not finance or admin")],
                response: .object([
                    "purchases": .array(PurchaseJSON.schema), "limit": .integer, "offset": .integer,
                ]),
                query: Paging.parameters + [
                    APIParameter("status", .oneOf(["PENDING", "PAID", "FAILED", "REFUNDED"]), "Only this status")
                ]),
            financePurchases)
    }

    static func financePurchases(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let limit = try Paging.limit(context)
        let offset = try Paging.integer(context, "offset", default: 0, in: 0...1_000_000)
        var status: PurchaseStatus?
        if let text = context.request.query("status") {
            guard let parsed = PurchaseStatus(rawValue: text.uppercased()) else {
                throw Problem.badRequest(
                    detail: "status must be PENDING, PAID, FAILED or REFUNDED.",
                    errors: [Web.FieldError(field: "status", detail: "unknown status", code: "invalid")])
            }
            status = parsed
        }
        let purchases = try PurchaseStore(connection: context.services.database).allPurchases(
            status: status, limit: limit, offset: offset)
        try context.services.accounts.audit.append(
            AuditEntry(by: caller.principal, action: AuditAction("finance.purchases.list"), ip: context.clientAddress))
        return .json(
            [
                "purchases": .array(
                    purchases.map { record in
                        guard case .object(var object) = PurchaseJSON.purchase(record) else { return .null }
                        object["company_id"] = .string(record.companyID)
                        return .object(object)
                    }), "limit": JSON(limit), "offset": JSON(offset),
            ]
        ).private()
    }

    static func companies(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let limit = try Paging.limit(context)
        let offset = try Paging.integer(context, "offset", default: 0, in: 0...1_000_000)
        let companies = try context.services.accounts.accounts.companies(limit: limit, offset: offset)
        try context.services.accounts.audit.append(
            AuditEntry(by: caller.principal, action: .admin("companies.list"), ip: context.clientAddress))
        return .json([
            "companies": .array(companies.map(AccountJSON.company)), "limit": JSON(limit), "offset": JSON(offset),
        ])
    }

    static func audit(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let limit = try Paging.limit(context)
        let before = try context.request.query("before").map { _ in
            try Paging.integer(context, "before", default: 0, in: 1...Int.max)
        }
        let company = try context.uuidQuery("company_id").map(CompanyID.init)
        let records = try context.services.accounts.audit.list(companyID: company, before: before, limit: limit)
        try context.services.accounts.audit.append(
            AuditEntry(by: caller.principal, action: .admin("audit.list"), ip: context.clientAddress))
        return .json(["entries": .array(records.map(AccountJSON.audit)), "next_before": JSON(records.last?.id)])
    }
}

/// `limit`/`offset` query parameters, validated (400 with the parameter named).
enum Paging {
    /// `limit` (1–200, default 50).
    static let limitParameter = APIParameter(
        "limit", .integer(minimum: 1, maximum: 200), "Entries per page (default 50)")
    /// `limit` and `offset` (0–1,000,000).
    static let parameters = [
        limitParameter, APIParameter("offset", .integer(minimum: 0, maximum: 1_000_000), "Entries to skip"),
    ]

    static func limit(_ context: RequestContext) throws -> Int {
        try integer(context, "limit", default: 50, in: 1...200)
    }

    static func integer(
        _ context: RequestContext, _ name: String, default fallback: Int, in range: ClosedRange<Int>
    )
        throws -> Int
    {
        guard let text = context.request.query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest(
                detail: "Query parameter \(name) must be an integer in \(range.lowerBound)...\(range.upperBound).",
                errors: [Web.FieldError(field: name, detail: "out of range", code: "invalid")])
        }
        return value
    }
}
