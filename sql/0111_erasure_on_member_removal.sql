-- Team (issue #14 item 4): when the owner removes a member who belongs to no other company, the member's account has
-- no purpose left, so its personal data is erased at once (Art. 5 (1)(e), 17 GDPR) with the same ErasureStore as a
-- self-service erasure; the record names the owner as the one who asked, via 'owner'.
ALTER TABLE erasure_records DROP CONSTRAINT erasure_records_requested_via_check;
ALTER TABLE erasure_records ADD CONSTRAINT erasure_records_requested_via_check
    CHECK (requested_via IN ('self', 'admin', 'owner'));
