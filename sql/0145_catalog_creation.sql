-- Issue 13 item 6: staff create and deactivate catalog items — packages, add-ons and credit packs — besides
-- editing them (0075). catalog_changes now also versions credit packs (billing_products), and a creation has no
-- row before it (before IS NULL). Deactivation is an edit (active = false): the row stays for old orders,
-- invoices and subscriptions, which copied names and prices when they were issued.
ALTER TABLE catalog_changes DROP CONSTRAINT catalog_changes_item_kind_check;
ALTER TABLE catalog_changes ADD CONSTRAINT catalog_changes_item_kind_check
    CHECK (item_kind IN ('package', 'addon', 'credit_pack'));
ALTER TABLE catalog_changes ALTER COLUMN before DROP NOT NULL;

-- Credit packs created by staff carry a non-empty name in both languages, as packages and add-ons do.
ALTER TABLE billing_products ADD CONSTRAINT billing_products_names_present
    CHECK (name_de <> '' AND name_en <> '') NOT VALID;
