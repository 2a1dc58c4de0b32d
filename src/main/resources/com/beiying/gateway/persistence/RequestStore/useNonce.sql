-- Records a nonce for a request that creates no request row (GET endpoints).
WITH nonce AS (
    INSERT INTO request_nonces (operator_id, nonce, expires_at) VALUES (:operatorId, :nonce, :expiresAt)
    ON CONFLICT DO NOTHING RETURNING 1
) SELECT EXISTS (SELECT 1 FROM nonce)
