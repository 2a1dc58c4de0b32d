-- The outbox of the events topic (docs/events.md): one row per committed change, written in the
-- transaction of the change, relayed to Kafka in id order and marked; relayed rows are pruned later.
CREATE TABLE outbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    -- the events topic of the gateway that wrote it: gateways on other topic prefixes sharing the
    -- database relay only their own
    topic       text        NOT NULL,
    event_key   text        NOT NULL,
    event_type  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    -- the Avro Event in single-object encoding, as the schema of its time wrote it
    payload     bytea       NOT NULL,
    relayed_at  timestamptz
);
CREATE INDEX outbox_unrelayed ON outbox (topic, id) WHERE relayed_at IS NULL;
CREATE INDEX outbox_relayed ON outbox (relayed_at) WHERE relayed_at IS NOT NULL;

-- When a transfer left unresolved past the alert time was announced (TransferUnresolved), so that it
-- is announced once.
ALTER TABLE orders ADD COLUMN unresolved_reported_at timestamptz;
