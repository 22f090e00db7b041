-- The mail outbox (DESIGN §12): every e-mail is a row written in the transaction of the event that causes it.
-- The jobs process renders the row once into `message` (the exact bytes, committed before the first SMTP
-- attempt) and then delivers those bytes; a retry after a lost reply sends the same bytes with the same
-- Message-ID. QUEUED → SENT, or FAILED on a permanent (5xx) reply or an invalid recipient, with the reply kept.

CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template        text NOT NULL CHECK (template ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    recipient       text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
    recipient_name  text CHECK (length(recipient_name) <= 200),
    language        text NOT NULL CHECK (language IN ('de', 'en')),
    -- The template's typed values: {"name": {"type": "text"|"money"|"date"|"link"|"number", ...}}.
    template_values jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- [{"filename", "content_type", "base64"} | {"filename", "content_type", "source", "ref"}].
    attachments     jsonb NOT NULL DEFAULT '[]'::jsonb,
    reply_to        text CHECK (length(reply_to) BETWEEN 3 AND 254),
    -- Assigned when the row is rendered, stored with the bytes: every attempt sends this one Message-ID.
    message_id      text UNIQUE CHECK (message_id ~ '^<[A-Za-z0-9.@_-]+>$'),
    -- "Enqueue once" for mails with a natural key (e.g. 'order-confirmation:<order id>').
    dedupe_key      text UNIQUE CHECK (length(dedupe_key) <= 200),
    status          text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
    message         bytea,
    rendered_at     timestamptz,
    CHECK ((message IS NULL) = (rendered_at IS NULL)),
    attempts        integer NOT NULL DEFAULT 0,
    last_reply      text CHECK (length(last_reply) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CHECK ((status = 'QUEUED') = (finished_at IS NULL))
);
CREATE INDEX mail_outbox_status ON mail_outbox (status, created_at);

-- E-mail verification and password reset tokens: only the SHA-256 of the token is stored; single use.
CREATE TABLE account_tokens (
    token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    purpose     text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
