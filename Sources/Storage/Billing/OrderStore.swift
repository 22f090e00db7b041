public import Domain
import Foundation
public import Postgres

/// Configurator orders (`orders`, `order_lines`, migration 0005); every read is scoped by company.
public struct OrderStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    static let columns = """
        id::text, company_id::text, status, package_id, currency, net_cents, vat_cents, amount_cents,
        monthly_net_cents, vat_rate_bp, vat_category, reverse_charge, buyer_country, buyer_vat_id, legal_note_de,
        legal_note_en, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
        to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at,
        extract(epoch FROM created_at)::float8 AS created_epoch
        """

    /// Stores a PENDING order from a server-side quote, lines and VAT decision included, in one transaction.
    public func create(companyID: CompanyID, userID: UserID?, quote: PriceQuote) throws -> OrderRecord {
        let id = try connection.transaction { connection -> String in
            let package = quote.lines.first { $0.kind == .package }?.id ?? ""
            let rows = try connection.query(
                """
                INSERT INTO orders (company_id, user_id, package_id, currency, net_cents, vat_cents, amount_cents,
                    monthly_net_cents, vat_rate_bp, vat_category, reverse_charge, buyer_country, buyer_vat_id,
                    legal_note_de, legal_note_en)
                VALUES (\(companyID)::uuid, \(userID)::uuid, \(package), \(quote.currency.code), \(quote.netCents),
                    \(quote.vatCents), \(quote.grossCents), \(quote.monthly.net.cents), \(quote.vatRate.basisPoints),
                    \(quote.vat.category.code), \(quote.reverseCharge), \(quote.vat.buyerCountry.code),
                    \(quote.vat.buyerVatId?.description), \(quote.legalNote?.de), \(quote.legalNote?.en))
                RETURNING id::text
                """)
            let id = try rows[0].string("id")
            for (position, line) in quote.lines.enumerated() {
                try connection.execute(
                    """
                    INSERT INTO order_lines (order_id, position, item_id, kind, name_de, name_en, billing_interval,
                        unit_net_cents, quantity, line_net_cents)
                    VALUES (\(id)::uuid, \(position), \(line.id), \(line.kind.rawValue), \(line.name.de), \(line.name.en),
                        \(line.interval.rawValue), \(line.unitNet.cents), \(line.quantity), \(line.lineNet.cents))
                    """)
            }
            return id
        }
        guard let order = try order(id: id, companyID: companyID) else {
            throw PostgresError(code: .invalidUsage, message: "the order just created is missing")
        }
        return order
    }

    /// The company's order `id`, or nil (also for another company's or a malformed id).
    public func order(id: String, companyID: CompanyID) throws -> OrderRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM orders WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid")
        guard let row = rows.first else { return nil }
        return try record(row)
    }

    /// The company's orders, newest first.
    public func orders(companyID: CompanyID, limit: Int = 100) throws -> [OrderRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM orders WHERE company_id = \(companyID)::uuid
            ORDER BY orders.created_at DESC, orders.id LIMIT \(limit)
            """)
        return try rows.map(record)
    }

    /// The company's orders as ``orders(companyID:limit:)`` lists them, each with its fulfilment's status (nil before
    /// it is paid), in ONE statement: the portal's orders page read the statuses in a second one (issue #16).
    public func ordersWithFulfilment(
        companyID: CompanyID, limit: Int = 100
    ) throws -> [(order: OrderRecord, fulfilment: FulfilmentStatus?)] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns),
                (SELECT f.status FROM order_fulfilment f WHERE f.order_id = orders.id) AS fulfilment_status
            FROM orders WHERE company_id = \(companyID)::uuid
            ORDER BY orders.created_at DESC, orders.id LIMIT \(limit)
            """)
        return try rows.map { row in
            (try record(row), try row.optionalString("fulfilment_status").flatMap(FulfilmentStatus.init(rawValue:)))
        }
    }

    /// Marks an order paid (inside the fulfilment transaction) and starts its fulfilment at PAID (issue 13);
    /// false when it already was.
    @discardableResult
    public func markPaid(id: String) throws -> Bool {
        let marked =
            try connection.execute(
                "UPDATE orders SET status = 'PAID', paid_at = now() WHERE id = \(id)::uuid AND status = 'PENDING'") == 1
        if marked {
            try connection.execute(
                "INSERT INTO order_fulfilment (order_id) VALUES (\(id)::uuid) ON CONFLICT (order_id) DO NOTHING")
        }
        return marked
    }

    func record(_ row: PostgresRow) throws -> OrderRecord {
        let id = try row.string("id")
        let lineRows = try connection.query(
            """
            SELECT item_id, kind, name_de, name_en, billing_interval, unit_net_cents, quantity, line_net_cents
            FROM order_lines WHERE order_id = \(id)::uuid ORDER BY position
            """)
        let lines = try lineRows.map { line in
            OrderRecord.Line(
                itemID: try line.string("item_id"), kind: try .stored(line.string("kind")),
                nameDE: try line.string("name_de"), nameEN: try line.string("name_en"),
                interval: try .stored(line.string("billing_interval")),
                unitNetCents: try line.int("unit_net_cents"), quantity: try line.int("quantity"),
                lineNetCents: try line.int("line_net_cents"))
        }
        return OrderRecord(
            id: id, companyID: CompanyID(try row.string("company_id")), status: try .stored(row.string("status")),
            packageID: try row.string("package_id"), currency: try .stored(row.string("currency")),
            netCents: try row.int("net_cents"), vatCents: try row.int("vat_cents"),
            amountCents: try row.int("amount_cents"), monthlyNetCents: try row.int("monthly_net_cents"),
            vatRateBasisPoints: try row.int("vat_rate_bp"), vatCategory: try row.string("vat_category"),
            reverseCharge: try row.bool("reverse_charge"), buyerCountry: try row.string("buyer_country"),
            buyerVatID: try row.optionalString("buyer_vat_id"), legalNoteDE: try row.optionalString("legal_note_de"),
            legalNoteEN: try row.optionalString("legal_note_en"), createdAt: try row.string("created_at"),
            paidAt: try row.optionalString("paid_at"), lines: lines, created: try Timestamp.date(row, "created_epoch"))
    }
}
