-- Inside a write made under a lease: whether it is still ours. FOR SHARE keeps a taker waiting until
-- the write commits, so nothing is written under a lease after it changed hands.
SELECT 1 FROM leases
WHERE name = :name AND holder = :holder AND epoch = :epoch AND expires_at > clock_timestamp()
FOR SHARE
