-- Issue 13, back-office dashboard: revenue per issue day and currency, maintained as invoices are issued, so the
-- dashboard reads at most a year of small rows instead of scanning every invoice ever issued. Invoices are
-- insert-only (corrections are new rows with negative amounts), so an AFTER INSERT trigger is the whole story.
-- `recurring_net_cents` is the net of subscription invoices (and their corrections): the dashboard's MRR.
CREATE TABLE revenue_daily (
    day                 date NOT NULL,
    currency            char(3) NOT NULL,
    net_cents           bigint NOT NULL DEFAULT 0,
    vat_cents           bigint NOT NULL DEFAULT 0,
    recurring_net_cents bigint NOT NULL DEFAULT 0,
    invoices            integer NOT NULL DEFAULT 0,
    corrections         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency)
);

CREATE FUNCTION revenue_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    recurring boolean := NEW.subscription_id IS NOT NULL
        OR EXISTS (SELECT 1 FROM invoices o WHERE o.id = NEW.corrects AND o.subscription_id IS NOT NULL);
BEGIN
    INSERT INTO revenue_daily AS r (day, currency, net_cents, vat_cents, recurring_net_cents, invoices, corrections)
    VALUES (NEW.issue_date, NEW.currency, NEW.net_cents, NEW.vat_cents,
            CASE WHEN recurring THEN NEW.net_cents ELSE 0 END,
            CASE WHEN NEW.kind = 'invoice' THEN 1 ELSE 0 END, CASE WHEN NEW.kind = 'correction' THEN 1 ELSE 0 END)
    ON CONFLICT (day, currency) DO UPDATE SET
        net_cents = r.net_cents + EXCLUDED.net_cents,
        vat_cents = r.vat_cents + EXCLUDED.vat_cents,
        recurring_net_cents = r.recurring_net_cents + EXCLUDED.recurring_net_cents,
        invoices = r.invoices + EXCLUDED.invoices,
        corrections = r.corrections + EXCLUDED.corrections;
    RETURN NULL;
END
$$;

CREATE TRIGGER invoices_revenue_daily AFTER INSERT ON invoices
    FOR EACH ROW EXECUTE FUNCTION revenue_daily_add();

INSERT INTO revenue_daily (day, currency, net_cents, vat_cents, recurring_net_cents, invoices, corrections)
SELECT i.issue_date, i.currency, sum(i.net_cents), sum(i.vat_cents),
       sum(CASE WHEN i.subscription_id IS NOT NULL OR o.subscription_id IS NOT NULL THEN i.net_cents ELSE 0 END),
       count(*) FILTER (WHERE i.kind = 'invoice'), count(*) FILTER (WHERE i.kind = 'correction')
FROM invoices i LEFT JOIN invoices o ON o.id = i.corrects
GROUP BY i.issue_date, i.currency;

-- Open invoices are few whatever the history: the dashboard's open/overdue figures read only them.
CREATE INDEX invoices_open_due ON invoices (due_date) WHERE status = 'OPEN';

-- The dashboard's usage of the current month and its active companies read by day / by live status only.
CREATE INDEX usage_daily_day ON usage_daily (day);
CREATE INDEX subscriptions_live_company ON subscriptions (company_id) WHERE status IN ('ACTIVE', 'PAST_DUE');
