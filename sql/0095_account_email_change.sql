-- Account self-service (issue #14, DESIGN §14): changing the e-mail address. The new address is confirmed by a
-- single-use token mailed there; the token row's `email` is that NEW address (only its SHA-256 is stored, as
-- for verification and reset tokens).
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'password_reset', 'change_email'));
