-- Group commit of accept and useNonce: the nonces and PENDING requests of several concurrent
-- operator requests in one statement, with the outcome each would have had on its own, run in the
-- order given (ord). Within the batch the first use of a nonce wins, and only the first request
-- with a fresh nonce creates its request row; request_id is null for a nonce alone (GET endpoints).
-- Rows are inserted in key order, so two batches that meet on a key wait for each other in one
-- order. Expiry comes as epoch microseconds (PostgreSQL's precision) and fingerprints as hex, which arrays carry as plainly
-- as the text columns.
WITH input AS (
    SELECT *
    FROM unnest(:operatorIds, :nonces, :expiresMicros, :requestIds, :commandTypes, :fingerprints)
        WITH ORDINALITY AS t(operator_id, nonce, expires_us, request_id, command_type, fingerprint_hex, ord)
), first_use AS (
    SELECT DISTINCT ON (operator_id, nonce) operator_id, nonce, expires_us, ord
    FROM input ORDER BY operator_id, nonce, ord
), nonce AS (
    INSERT INTO request_nonces (operator_id, nonce, expires_at)
    SELECT operator_id, nonce, timestamptz 'epoch' + expires_us * interval '1 microsecond'
    FROM first_use ORDER BY operator_id, nonce
    ON CONFLICT DO NOTHING
    RETURNING operator_id, nonce
), fresh AS (
    SELECT f.ord FROM first_use f JOIN nonce n ON n.operator_id = f.operator_id AND n.nonce = f.nonce
), first_request AS (
    SELECT DISTINCT ON (i.operator_id, i.request_id) i.operator_id, i.request_id, i.command_type, i.fingerprint_hex, i.ord
    FROM input i JOIN fresh ON fresh.ord = i.ord
    WHERE i.request_id IS NOT NULL
    ORDER BY i.operator_id, i.request_id, i.ord
), req AS (
    INSERT INTO requests (operator_id, request_id, command_type, status, fingerprint)
    SELECT operator_id, request_id, command_type, 'PENDING', decode(fingerprint_hex, 'hex')
    FROM first_request ORDER BY operator_id, request_id
    ON CONFLICT DO NOTHING
    RETURNING operator_id, request_id
), created AS (
    SELECT f.ord FROM first_request f JOIN req r ON r.operator_id = f.operator_id AND r.request_id = f.request_id
)
SELECT i.ord, fresh.ord IS NOT NULL AS nonce_fresh, created.ord IS NOT NULL AS created
FROM input i
LEFT JOIN fresh ON fresh.ord = i.ord
LEFT JOIN created ON created.ord = i.ord
ORDER BY i.ord
