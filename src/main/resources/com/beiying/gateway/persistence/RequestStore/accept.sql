-- Records the nonce and, only if it was fresh, the PENDING request with its fingerprint, in one
-- round trip. A reused nonce changes nothing; a known request id is left as it is (the caller then
-- compares fingerprints and waits for it or refuses).
WITH nonce AS (
    INSERT INTO request_nonces (operator_id, nonce, expires_at)
    VALUES (:operatorId, :nonce, :nonceExpiresAt)
    ON CONFLICT DO NOTHING
    RETURNING 1
), req AS (
    INSERT INTO requests (operator_id, request_id, command_type, status, fingerprint)
    SELECT :operatorId, :requestId, :commandType, 'PENDING', :fingerprint WHERE EXISTS (SELECT 1 FROM nonce)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM nonce) AS nonce_fresh, EXISTS (SELECT 1 FROM req) AS created
