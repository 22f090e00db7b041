-- nginx caches the public pages (fastcgi_cache under $CODEZERO_VAR/nginx/cache/pages) for up to a minute, and
-- the services and pricing pages show catalog prices. A change of the catalog (every change bumps
-- catalog_version, see 0002) enqueues one job `cache.purge_pages` per new version, in the same transaction;
-- the jobs process removes the cached pages, so the next request renders the new prices.

CREATE FUNCTION catalog_enqueue_page_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs (kind, payload, max_attempts, dedupe_key)
    VALUES ('cache.purge_pages', jsonb_build_object('catalog_version', NEW.version), 5,
            'cache.purge_pages:' || NEW.version)
    ON CONFLICT (dedupe_key) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_version_purge_pages AFTER UPDATE OF version ON catalog_version
    FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION catalog_enqueue_page_purge();
