-- Issue 13 item 6: catalog edits from the back office are versioned. Every change of a package or add-on keeps
-- the row before and after (append-only) with who made it and the request id; the catalog tables' own trigger
-- bumps catalog_version, which reloads the workers' catalog and purges the page cache (0002, 0007). Orders and
-- invoices copy names and prices into their own lines when issued, so an edit never changes them.
CREATE TABLE catalog_changes (
    id         bigserial PRIMARY KEY,
    item_kind  text NOT NULL CHECK (item_kind IN ('package', 'addon')),
    item_id    text NOT NULL,
    before     jsonb NOT NULL,
    after      jsonb NOT NULL,
    actor      uuid REFERENCES users (id),
    request_id text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_changes_item ON catalog_changes (item_kind, item_id, id);

CREATE FUNCTION catalog_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'catalog_changes is append-only';
END
$$;
CREATE TRIGGER catalog_changes_no_change BEFORE UPDATE OR DELETE ON catalog_changes
    FOR EACH ROW EXECUTE FUNCTION catalog_changes_append_only();
