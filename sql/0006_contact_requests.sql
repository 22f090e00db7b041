-- Contact and lead requests from the site's form (/de/kontakt, /en/contact). Nothing is sent anywhere from
-- the request itself: the row is the durable record; follow-up is an operator's job.

CREATE TABLE contact_requests (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    company     text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    phone       text CHECK (length(phone) <= 50),
    message     text NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
    language    text NOT NULL CHECK (language IN ('de', 'en')),
    -- The client address, kept for abuse handling only (deleted with the row after the retention period).
    ip          text CHECK (length(ip) <= 64),
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_requests_received ON contact_requests (received_at DESC);
