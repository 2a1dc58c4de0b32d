-- Forgets events relayed long enough ago that no redelivery can still need them.
DELETE FROM outbox WHERE id IN (
    SELECT id FROM outbox WHERE relayed_at < :before ORDER BY relayed_at LIMIT :limit)
