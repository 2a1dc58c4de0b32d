-- The oldest events not yet relayed, in the order they were written: one member's events were
-- written one after another, so each member's stay in order.
SELECT id, event_id, event_key, event_type, occurred_at, payload
FROM outbox WHERE relayed_at IS NULL AND topic = :topic
ORDER BY id LIMIT :limit
