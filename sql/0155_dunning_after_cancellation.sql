-- Issue #11 item 4: an invoice still being collected when its subscription ends (an admin's immediate
-- cancellation, or the end of the period it was cancelled for) stays owed, so its dunning goes on while the
-- subscription is CANCELED. Retries due are found for PAST_DUE and CANCELED subscriptions alike; the index that
-- served PAST_DUE only is replaced by one on every subscription with a retry scheduled.
CREATE INDEX subscriptions_retry_scheduled ON subscriptions (dunning_next_retry_at)
    WHERE dunning_next_retry_at IS NOT NULL;
DROP INDEX subscriptions_retry_due;
