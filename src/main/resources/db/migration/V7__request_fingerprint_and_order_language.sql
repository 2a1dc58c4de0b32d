-- A request id is an idempotency key for one request: the fingerprint (a keyed hash of method,
-- path and body) tells a repeat of the same request from another request that reuses the id.
-- Null for rows written before it existed and for commands that did not come over HTTP.
ALTER TABLE requests ADD COLUMN fingerprint bytea;

-- The language of the request that created an order, so that whoever settles it later (the
-- resolver) answers in that language.
ALTER TABLE orders ADD COLUMN language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en'));
