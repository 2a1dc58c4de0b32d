-- Key pairs that authenticate now: the current one and rotated ones inside their overlap.
SELECT api_key, operator_id, secret_sealed FROM operator_keys WHERE expires_at IS NULL OR expires_at > now()
