-- Credit packs are part of the catalog: a change to billing_products bumps catalog_version (and so sends
-- NOTIFY catalog_changed and purges the page cache) like a change to packages and add-ons does. Workers keep
-- the catalog, credit packs included, in memory until that notification arrives.

CREATE TRIGGER billing_products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON billing_products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_version();
