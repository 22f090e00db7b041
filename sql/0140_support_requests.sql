-- Issue 13 item 7: support messages. A client opens a request from the portal or the API (subject, first message,
-- optionally about one of the company's orders or invoices); staff answer in the back office; both see the thread.
-- Status: OPEN → ANSWERED (staff replied) → CLOSED (either side); a new client message reopens (Domain
-- SupportTransition). Personal data: subject and message bodies are free text of the client or staff, `opened_by`
-- and `author` are users — exported with the company, deleted on erasure (ErasureStore), closed requests deleted two
-- years after closing (RetentionSchedule .supportRequests).
CREATE TABLE support_requests (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id),
    opened_by  uuid REFERENCES users (id),
    subject    text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 200),
    status     text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ANSWERED', 'CLOSED')),
    order_id   uuid REFERENCES orders (id),
    -- Invoices are deleted by the retention job after retain_until; the request then just loses the reference.
    invoice_id uuid REFERENCES invoices (id) ON DELETE SET NULL,
    language   text NOT NULL CHECK (language IN ('de', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    closed_at  timestamptz,
    CHECK (order_id IS NULL OR invoice_id IS NULL),
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX support_requests_company ON support_requests (company_id, updated_at DESC);
CREATE INDEX support_requests_status ON support_requests (status, updated_at DESC);
CREATE INDEX support_requests_closed ON support_requests (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE support_messages (
    id         bigserial PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    author     uuid REFERENCES users (id),
    from_staff boolean NOT NULL,
    body       text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_messages_request ON support_messages (request_id, id);
