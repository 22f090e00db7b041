-- Issue 13 item 4: the fulfilment of paid orders — PAID → IN_PROGRESS → DELIVERED, or CANCELLED with a refund and
-- correction — with the staff member assigned, and every step, assignment and note as an append-only event.
-- The client sees the status in the portal; notes are staff-only. Personal data: `actor`/`assignee` (users),
-- `note` (free text by staff) — PRIVACY: export/erase with the order's company.
CREATE TABLE order_fulfilment (
    order_id   uuid PRIMARY KEY REFERENCES orders (id),
    status     text NOT NULL DEFAULT 'PAID' CHECK (status IN ('PAID', 'IN_PROGRESS', 'DELIVERED', 'CANCELLED')),
    assignee   uuid REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_fulfilment_status ON order_fulfilment (status, updated_at DESC);

CREATE TABLE order_fulfilment_events (
    id          bigserial PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id),
    kind        text NOT NULL CHECK (kind IN ('status', 'assign', 'note')),
    from_status text,
    to_status   text,
    assignee    uuid REFERENCES users (id),
    note        text CHECK (length(note) <= 2000),
    actor       uuid REFERENCES users (id),
    request_id  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'status' OR (from_status IS NOT NULL AND to_status IS NOT NULL)),
    CHECK (kind <> 'note' OR note IS NOT NULL)
);
CREATE INDEX order_fulfilment_events_order ON order_fulfilment_events (order_id, id);

CREATE FUNCTION order_fulfilment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_fulfilment_events is append-only';
END
$$;
CREATE TRIGGER order_fulfilment_events_no_change BEFORE UPDATE OR DELETE ON order_fulfilment_events
    FOR EACH ROW EXECUTE FUNCTION order_fulfilment_events_append_only();

-- Every order paid so far starts its fulfilment at PAID.
INSERT INTO order_fulfilment (order_id, status) SELECT id, 'PAID' FROM orders WHERE status = 'PAID';
