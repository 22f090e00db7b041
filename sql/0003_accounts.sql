-- Accounts: buying companies, users, memberships with a role, sessions, personal API tokens,
-- login failures for throttling, and the append-only audit log.
-- Secrets are never stored: sessions and API tokens are kept as the SHA-256 of the token, passwords as
-- self-describing scrypt hashes (parameters beside each hash so they can be raised later).

CREATE TABLE companies (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    country     char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    vat_id      text CHECK (vat_id ~ '^[A-Z]{2}[0-9A-Z+*]{2,13}$'),
    street      text CHECK (length(street) <= 200),
    extra       text CHECK (length(extra) <= 200),
    postal_code text CHECK (length(postal_code) <= 20),
    city        text CHECK (length(city) <= 200),
    -- The one company that Code Zero's own staff (finance, admin) belong to.
    is_operator boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX companies_single_operator ON companies ((true)) WHERE is_operator;
CREATE INDEX companies_created ON companies (created_at, id);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND strpos(email, '@') > 1),
    password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- E-mail addresses are unique ignoring case; look-ups use lower(email).
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE memberships (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('client', 'finance', 'admin')),
    is_owner   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, company_id)
);
CREATE INDEX memberships_company ON memberships (company_id);
CREATE UNIQUE INDEX memberships_single_owner ON memberships (company_id) WHERE is_owner;

-- Staff roles exist only in the operator company and `client` only in buying companies, so no change of a
-- customer's membership can ever grant access to the finance or admin API.
CREATE FUNCTION memberships_check_role_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.role <> 'client') IS DISTINCT FROM (SELECT is_operator FROM companies WHERE id = NEW.company_id) THEN
        RAISE EXCEPTION 'role % does not belong in this company', NEW.role
            USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_role_matches_company';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER memberships_role_matches_company BEFORE INSERT OR UPDATE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_check_role_company();

CREATE TABLE sessions (
    -- SHA-256 of the cookie token; the token itself is never stored.
    id           bytea PRIMARY KEY CHECK (length(id) = 32),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    ip           text CHECK (length(ip) <= 64),
    user_agent   text CHECK (length(user_agent) <= 512),
    CHECK (last_seen_at >= created_at AND expires_at > created_at)
);
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- The first characters of the token, to recognise it in lists; not enough to use it.
    prefix       text NOT NULL CHECK (prefix ~ '^cz_[A-Za-z0-9_-]{6}$'),
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_owner ON api_tokens (company_id, user_id);

-- One row per failed login, kept for the throttle window and pruned by the jobs process.
CREATE TABLE login_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The e-mail as typed, trimmed and lower-cased (it need not belong to a user).
    email     text NOT NULL CHECK (length(email) <= 320),
    ip        text CHECK (length(ip) <= 64),
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip ON login_failures (ip, failed_at) WHERE ip IS NOT NULL;

-- Who, acting for which company, did what, when, from where, with which outcome. Append-only.
-- No foreign keys: entries must outlive the users and companies they mention.
CREATE TABLE audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid,
    company_id    uuid,
    action        text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    target        text CHECK (length(target) <= 200),
    ip            text CHECK (length(ip) <= 64),
    outcome       text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    details       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_log_company ON audit_log (company_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
