-- State of the provider simulator, kept apart from the gateway's own tables (sim_ prefix) so a
-- restart of the simulator loses no provider-side account.
CREATE TABLE sim_accounts (
    game        text          NOT NULL,
    account     text          NOT NULL,
    currency    text          NOT NULL,
    balance     numeric(18,2) NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (game, account)
);

CREATE TABLE sim_launches (
    token       text PRIMARY KEY,
    game        text        NOT NULL,
    account     text        NOT NULL,
    platform    text        NOT NULL,
    language    text        NOT NULL,
    game_id     text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
