-- A configurator order with a monthly package is paid as a subscription (issue #11): at most one subscription
-- per order, whatever concurrent checkouts of the same order do.
CREATE UNIQUE INDEX subscriptions_one_per_order ON subscriptions (order_id) WHERE order_id IS NOT NULL;
