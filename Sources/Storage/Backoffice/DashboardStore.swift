public import Foundation
public import Postgres

/// Reads the dashboard's figures with one small query each, never a scan that grows with history: revenue from
/// the maintained `revenue_daily` aggregate (a year of rows at most, `sql/0073_revenue_daily.sql`), open invoices
/// through their partial index, this month's usage by day, live subscriptions through their partial index.
public struct DashboardStore {
    /// The connection to read on.
    public let connection: PostgresConnection
    /// The currency the figures are in.
    public let currency: String

    /// A store reading `currency` (EUR, the only one sold today).
    public init(connection: PostgresConnection, currency: String = "EUR") {
        self.connection = connection
        self.currency = currency
    }

    /// The figures as of `now` (days and months in Europe/Berlin, as invoices are dated).
    public func figures(now: Date) throws -> DashboardFigures {
        let at = now.timeIntervalSince1970
        let totals = try connection.query(
            """
            WITH d AS (SELECT (to_timestamp(\(at)) AT TIME ZONE 'Europe/Berlin')::date AS today)
            SELECT coalesce(sum(net_cents) FILTER (WHERE day = d.today), 0)::int8 AS today_net,
                   coalesce(sum(vat_cents) FILTER (WHERE day = d.today), 0)::int8 AS today_vat,
                   coalesce(sum(net_cents) FILTER (WHERE day >= date_trunc('month', d.today)), 0)::int8 AS month_net,
                   coalesce(sum(vat_cents) FILTER (WHERE day >= date_trunc('month', d.today)), 0)::int8 AS month_vat,
                   coalesce(sum(net_cents), 0)::int8 AS year_net, coalesce(sum(vat_cents), 0)::int8 AS year_vat
            FROM d LEFT JOIN revenue_daily r
              ON r.currency = \(currency) AND r.day >= date_trunc('year', d.today) AND r.day <= d.today
            """)[0]
        // The twelve months from constant bounds: with the bounds from the parameter the generic plan could not
        // know how many rows generate_series gives (it assumes 1,000), so every execution was planned anew.
        let months = try connection.query(
            """
            WITH d AS (SELECT date_trunc('month', to_timestamp(\(at)) AT TIME ZONE 'Europe/Berlin')::date AS first),
            m AS (SELECT (d.first - make_interval(months => 11 - i))::date AS month FROM d, generate_series(0, 11) AS i)
            SELECT to_char(m.month, 'YYYY-MM') AS month,
                   coalesce(sum(r.net_cents), 0)::int8 AS net, coalesce(sum(r.vat_cents), 0)::int8 AS vat,
                   coalesce(sum(r.recurring_net_cents), 0)::int8 AS recurring
            FROM m LEFT JOIN revenue_daily r ON r.currency = \(currency)
              AND r.day >= m.month AND r.day < (m.month + interval '1 month')
            GROUP BY m.month ORDER BY m.month
            """
        ).map { row in
            DashboardFigures.Month(
                month: try row.string("month"),
                revenue: .init(net: Int64(try row.int("net")), vat: Int64(try row.int("vat"))),
                recurringNet: Int64(try row.int("recurring")))
        }
        let open = try connection.query(
            """
            WITH d AS (SELECT (to_timestamp(\(at)) AT TIME ZONE 'Europe/Berlin')::date AS today)
            SELECT count(i.id)::int8 AS open, coalesce(sum(i.gross_cents - i.paid_cents + r.reduced), 0)::int8
                       AS open_cents,
                   count(i.id) FILTER (WHERE i.due_date < d.today)::int8 AS overdue,
                   coalesce(sum(i.gross_cents - i.paid_cents + r.reduced) FILTER (WHERE i.due_date < d.today), 0)::int8
                       AS overdue_cents
            FROM d LEFT JOIN invoices i ON i.status = 'OPEN' AND i.kind = 'invoice' AND i.currency = \(currency)
            -- What a SETTLED correction took off is no longer owed (an unpaid invoice reduced, migration 0116).
            LEFT JOIN LATERAL (
                SELECT coalesce(sum(c.gross_cents), 0) AS reduced FROM invoices c
                WHERE c.corrects = i.id AND c.status = 'SETTLED'
            ) r ON true
            GROUP BY d.today
            """)[0]
        let usage = try connection.query(
            """
            SELECT metric, sum(quantity_milli)::int8 AS quantity, sum(events)::int8 AS events FROM usage_daily_exact
            WHERE day >= date_trunc('month', to_timestamp(\(at)) AT TIME ZONE 'UTC')::date
            GROUP BY metric ORDER BY metric
            """
        ).map { row in
            DashboardFigures.Usage(
                metric: try row.string("metric"), quantityMilli: Int64(try row.int("quantity")),
                events: Int64(try row.int("events")))
        }
        let companies = try connection.query(
            """
            SELECT (SELECT count(DISTINCT company_id) FROM subscriptions
                    WHERE status IN ('ACTIVE', 'PAST_DUE'))::int8 AS active,
                   (SELECT count(*) FROM companies WHERE NOT is_operator)::int8 AS companies
            """)[0]
        return DashboardFigures(
            today: .init(net: Int64(try totals.int("today_net")), vat: Int64(try totals.int("today_vat"))),
            month: .init(net: Int64(try totals.int("month_net")), vat: Int64(try totals.int("month_vat"))),
            year: .init(net: Int64(try totals.int("year_net")), vat: Int64(try totals.int("year_vat"))),
            months: months,
            openInvoices: .init(count: try open.int("open"), cents: Int64(try open.int("open_cents"))),
            overdueInvoices: .init(count: try open.int("overdue"), cents: Int64(try open.int("overdue_cents"))),
            usage: usage, activeCompanies: try companies.int("active"), companies: try companies.int("companies"))
    }
}
