-- Exact request budgets per key and fixed window (issue #17): API writes per account, checkout sessions per
-- company. One row per key and window; a request adds one in a single upsert, so concurrent requests in all
-- workers count exactly. Old windows are pruned by the jobs process.
CREATE TABLE rate_limit_counts (
    -- e.g. `write:user:<uuid>`, `checkout:company:<uuid>`.
    key          text NOT NULL CHECK (length(key) <= 200),
    -- The window's start in seconds since 1970 (a multiple of its length).
    window_start bigint NOT NULL,
    count        integer NOT NULL CHECK (count > 0),
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limit_counts_window ON rate_limit_counts (window_start);
