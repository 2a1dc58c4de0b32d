-- An event of a change, in the change's transaction. The same event again (a repeated command whose
-- change was already made) is no new event.
INSERT INTO outbox (event_id, topic, event_key, event_type, occurred_at, payload)
VALUES (:eventId, :topic, :key, :type, :occurredAt, :payload)
ON CONFLICT (event_id) DO NOTHING
