-- Ends the overlap of older key pairs at the given time (now or later), leaving sooner expiries alone.
UPDATE operator_keys SET expires_at = :until
WHERE operator_id = :operatorId AND (expires_at IS NULL OR expires_at > :until)
