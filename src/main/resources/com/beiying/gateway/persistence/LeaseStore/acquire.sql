-- Takes or renews a lease: free, expired, or already ours. A new holder raises the epoch.
INSERT INTO leases AS l (name, holder, epoch, expires_at)
VALUES (:name, :holder, 1, clock_timestamp() + :ttlMillis * interval '1 millisecond')
ON CONFLICT (name) DO UPDATE
SET holder = excluded.holder,
    epoch = CASE WHEN l.holder = excluded.holder THEN l.epoch ELSE l.epoch + 1 END,
    expires_at = excluded.expires_at
WHERE l.holder = excluded.holder OR l.expires_at < clock_timestamp()
RETURNING epoch
