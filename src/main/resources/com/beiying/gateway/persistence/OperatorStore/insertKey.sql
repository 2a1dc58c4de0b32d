INSERT INTO operator_keys (api_key, operator_id, secret_sealed, expires_at)
VALUES (:apiKey, :operatorId, :secret, :expiresAt)
