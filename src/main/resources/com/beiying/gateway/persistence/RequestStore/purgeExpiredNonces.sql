DELETE FROM request_nonces WHERE expires_at < now()
