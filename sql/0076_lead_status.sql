-- Issue 13 item 6: leads from the contact form get a status staff keep up to date in the back office.
ALTER TABLE contact_requests
    ADD COLUMN status text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'CONTACTED', 'QUALIFIED', 'WON', 'LOST')),
    ADD COLUMN status_changed_at timestamptz;
CREATE INDEX contact_requests_status ON contact_requests (status, received_at DESC);
