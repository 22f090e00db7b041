-- DATEV: every buying company keeps one debtor account (Debitorenkonto) for good, handed out in order from the
-- configured first account the first time the company appears in an export (SKR03 debtors: 10000-69999).
CREATE TABLE datev_debtor_accounts (
    company_id  uuid PRIMARY KEY REFERENCES companies (id),
    account     integer NOT NULL UNIQUE CHECK (account BETWEEN 10000 AND 999999999),
    assigned_at timestamptz NOT NULL DEFAULT now()
);
