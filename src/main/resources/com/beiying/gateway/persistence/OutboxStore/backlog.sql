SELECT count(*), min(occurred_at) FROM outbox WHERE relayed_at IS NULL AND topic = :topic
