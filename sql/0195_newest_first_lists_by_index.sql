-- The newest-first lists read only the rows they show.
--
-- The company's purchases, orders and subscriptions (portal, API, the bearer token's purchases list) and the finance
-- list of all purchases were written `ORDER BY created_at DESC, id` over select lists that rename computed columns
-- to those names (`to_char(created_at …) AS created_at`, `floor(date_part('epoch', created_at))::int8 AS
-- created_at`, `id::text`). PostgreSQL resolves a bare ORDER BY name to the output column first, so they sorted by
-- the computed text or seconds: no index can give that order, and every list read and sorted ALL of the company's
-- rows to return at most 100 (with 50,000 purchases one `GET /api/v1/billing/purchases` took 50 ms instead of 1 ms;
-- the finance list sorted every purchase of every company for each page). The statements now name the table's
-- columns (`purchases.created_at DESC, purchases.id`), and these indexes give exactly that order, so a list is an
-- index range of LIMIT rows. The order within one second is now the stored microseconds (newest first), then the
-- id, where it was the id alone; the id still breaks ties, so the order is total as before.
-- Test: StorageTests `NewestFirstListTests` (rows fetched per list, counted by pg_stat_xact_user_tables).
DROP INDEX purchases_company;
CREATE INDEX purchases_company ON purchases (company_id, created_at DESC, id);
CREATE INDEX purchases_newest ON purchases (created_at DESC, id);
DROP INDEX orders_company;
CREATE INDEX orders_company ON orders (company_id, created_at DESC, id);
DROP INDEX subscriptions_company;
CREATE INDEX subscriptions_company ON subscriptions (company_id, created_at DESC, id);
