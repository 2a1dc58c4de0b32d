-- Per-operator request rate (requests per second at the ingress; null = the configured default)
-- and whether the operator talks Kafka directly through its own topics.
ALTER TABLE operators
    ADD COLUMN rate_limit   integer CHECK (rate_limit IS NULL OR rate_limit > 0),
    ADD COLUMN kafka_native boolean NOT NULL DEFAULT false;
