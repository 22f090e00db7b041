-- Staff second factor (issue #13, DESIGN §13): TOTP (RFC 6238) for every admin/finance session and token.
-- A session is verified once its user gave a current code (or a recovery code) in it; an API token carries the
-- verification of the session that created it. Staff routes refuse principals without it.

CREATE TABLE staff_second_factors (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- The shared TOTP secret (20 random bytes); needed in clear to compute codes, so never logged or shown again.
    secret       bytea NOT NULL CHECK (length(secret) = 20),
    -- NULL while the enrolment waits for its first code.
    confirmed_at timestamptz,
    -- The last TOTP step accepted: a code of this step or an earlier one is refused as a replay.
    last_step    bigint NOT NULL DEFAULT 0 CHECK (last_step >= 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Single-use recovery codes, stored as SHA-256 (the codes are 50 random bits; shown once at enrolment).
CREATE TABLE staff_recovery_codes (
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- Wrong codes, for the throttle (5 per 15 minutes per user), pruned with the login failures.
CREATE TABLE second_factor_failures (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX second_factor_failures_user ON second_factor_failures (user_id, at);

ALTER TABLE sessions ADD COLUMN second_factor_at timestamptz;
ALTER TABLE api_tokens ADD COLUMN second_factor boolean NOT NULL DEFAULT false;
