-- Operators are tenants: every member, request and order below belongs to exactly one.
CREATE TABLE operators (
    operator_id    text PRIMARY KEY CHECK (operator_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    name           text        NOT NULL,
    status         text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    ip_allowlist   text[]      NOT NULL DEFAULT '{}',
    launch_domain  text,
    currency       text        NOT NULL DEFAULT 'CNY',
    error_format   text        NOT NULL DEFAULT 'BEIYING' CHECK (error_format IN ('BEIYING', 'RGS')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Secrets are sealed (AES-GCM under the master key): the HMAC check needs the secret itself.
-- expires_at is null for the current pair and set for a rotated pair still in its overlap.
CREATE TABLE operator_keys (
    api_key        text PRIMARY KEY,
    operator_id    text        NOT NULL REFERENCES operators,
    secret_sealed  bytea       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz
);
CREATE INDEX operator_keys_operator ON operator_keys (operator_id);

CREATE TABLE operator_games (
    operator_id    text          NOT NULL REFERENCES operators,
    game           text          NOT NULL,
    enabled        boolean       NOT NULL DEFAULT true,
    credit_limit   numeric(18,2) NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    credit_used    numeric(18,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (operator_id, game)
);

CREATE TABLE members (
    member_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator_id         text        NOT NULL REFERENCES operators,
    user_name           text        NOT NULL CHECK (user_name ~ '^[a-z][a-z0-9]{3,15}$'),
    password_hash       text        NOT NULL,
    locked              boolean     NOT NULL DEFAULT false,
    -- the request that created the member: a redelivered register is recognised, not refused
    created_request_id  text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (operator_id, user_name)
);

-- A member's account at one provider, opened on first login.
CREATE TABLE provider_accounts (
    member_id     bigint      NOT NULL REFERENCES members,
    game          text        NOT NULL,
    account_name  text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, game),
    UNIQUE (game, account_name)
);

CREATE TABLE launch_sessions (
    session_id    text PRIMARY KEY,
    member_id     bigint      NOT NULL REFERENCES members,
    game          text        NOT NULL,
    provider_url  text        NOT NULL,
    platform      text        NOT NULL,
    language      text        NOT NULL,
    request_id    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The correlation store: one row per request, PENDING until the worker commits the outcome in
-- the same transaction as the outcome's effects. reply is the Avro single-object Reply.
CREATE TABLE requests (
    operator_id   text        NOT NULL,
    request_id    text        NOT NULL,
    command_type  text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('PENDING', 'DONE')),
    reply         bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    PRIMARY KEY (operator_id, request_id),
    CHECK ((status = 'DONE') = (reply IS NOT NULL))
);

-- Nonces seen per operator; a row lives as long as a replay could still pass the clock check.
CREATE TABLE request_nonces (
    operator_id   text        NOT NULL,
    nonce         text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (operator_id, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at);
