-- Issue #11 item 3/4: a payment method saved while invoices are owed (PAST_DUE or SUSPENDED) charges them at once —
-- a recovery round outside the dunning schedule. While its charges are in flight the subscription remembers that the
-- round is a recovery: its failure counts no round (the schedule goes on where it was; SUSPENDED stays SUSPENDED).
ALTER TABLE subscriptions ADD COLUMN dunning_recovering boolean NOT NULL DEFAULT false;
