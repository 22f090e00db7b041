-- Team (issue #14 item 4, issue #12 "team invitation"): the company's owner invites colleagues by e-mail.
-- An invitation carries a random token mailed to the address; only its SHA-256 is stored (as for password
-- reset links). It works once (accepted_at), for 7 days (expires_at), until the owner revokes it (revoked_at).
-- The retention job deletes an invitation 30 days after it ended (Domain.RetentionSchedule, class invitations).
CREATE TABLE company_invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    -- The invited address as the owner typed it (trimmed); compared ignoring case.
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND strpos(email, '@') > 1),
    -- Client companies know one role today; staff roles never belong in a client company (0003's trigger).
    role        text NOT NULL DEFAULT 'client' CHECK (role IN ('client')),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    invited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    language    text NOT NULL CHECK (language IN ('de', 'en')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  timestamptz,
    CHECK (expires_at > created_at),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL),
    CHECK (accepted_by IS NULL OR accepted_at IS NOT NULL)
);
CREATE INDEX company_invitations_company ON company_invitations (company_id, created_at);
CREATE INDEX company_invitations_email ON company_invitations (lower(email));
CREATE INDEX company_invitations_ended ON company_invitations ((least(expires_at, accepted_at, revoked_at)));

-- Every client company has exactly one owner: registration makes the registering user the owner; a company
-- without one (none should exist) gets its earliest member.
UPDATE memberships m SET is_owner = true
FROM (
    SELECT DISTINCT ON (f.company_id) f.user_id, f.company_id
    FROM memberships f JOIN companies c ON c.id = f.company_id
    WHERE NOT c.is_operator
    ORDER BY f.company_id, f.created_at, f.user_id
) first
WHERE m.user_id = first.user_id AND m.company_id = first.company_id
  AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.company_id = m.company_id AND o.is_owner);
