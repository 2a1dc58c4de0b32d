-- Bet records (docs/bets.md). An operator reads its records' times in its own time zone.
ALTER TABLE operators ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai';

-- The latest revision of every bet the collectors have seen, one row per (game, provider's bet id).
-- A bet belongs to the operator of the member whose provider account placed it.
CREATE TABLE bets (
    game                text          NOT NULL,
    provider_bet_id     text          NOT NULL,
    operator_id         text          NOT NULL REFERENCES operators,
    member_id           bigint        NOT NULL REFERENCES members,
    game_id             text          NOT NULL,
    round_id            text          NOT NULL,
    currency            text          NOT NULL,
    bet_amount          numeric(18,2) NOT NULL CHECK (bet_amount >= 0),
    valid_bet           numeric(18,2) NOT NULL CHECK (valid_bet >= 0),
    payout              numeric(18,2) NOT NULL CHECK (payout >= 0),
    status              text          NOT NULL CHECK (status IN ('OPEN', 'SETTLED', 'VOID', 'RESETTLED')),
    bet_time            timestamptz   NOT NULL,
    settled_at          timestamptz,
    -- the provider's own time of its last change (what its windows select by); not shown
    provider_updated_at timestamptz   NOT NULL,
    -- when the gateway stored this revision: UpdatedAt of the API
    updated_at          timestamptz   NOT NULL,
    revision            integer       NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (game, provider_bet_id)
);
-- The three window shapes of /v1/bet/records, always within one operator.
CREATE INDEX bets_by_update ON bets (operator_id, updated_at);
CREATE INDEX bets_by_bet_time ON bets (operator_id, bet_time);
CREATE INDEX bets_by_settle ON bets (operator_id, settled_at) WHERE settled_at IS NOT NULL;
-- Reconciliation sums a member's bets per game.
CREATE INDEX bets_member ON bets (member_id, game);

-- Every revision of every bet, in commit order: position is taken under a lock held to the end of
-- the writing transaction, so a position never becomes visible before a smaller one (docs/bets.md).
-- The feed reads it and the bets topic is relayed from it.
CREATE TABLE bet_revisions (
    position        bigint        PRIMARY KEY,
    operator_id     text          NOT NULL,
    member_id       bigint        NOT NULL,
    game            text          NOT NULL,
    provider_bet_id text          NOT NULL,
    revision        integer       NOT NULL,
    game_id         text          NOT NULL,
    round_id        text          NOT NULL,
    currency        text          NOT NULL,
    bet_amount      numeric(18,2) NOT NULL,
    valid_bet       numeric(18,2) NOT NULL,
    payout          numeric(18,2) NOT NULL,
    status          text          NOT NULL,
    bet_time        timestamptz   NOT NULL,
    settled_at      timestamptz,
    updated_at      timestamptz   NOT NULL,
    UNIQUE (game, provider_bet_id, revision)
);
CREATE INDEX bet_revisions_feed ON bet_revisions (operator_id, position);
CREATE SEQUENCE bet_revision_positions;

-- How far each provider's records are collected: the forward edge, and for providers whose windows
-- select by bet time, where the sweep back over their look-back stands.
CREATE TABLE bet_collection (
    game          text        PRIMARY KEY,
    collected_to  timestamptz NOT NULL,
    swept_to      timestamptz
);

-- How far a relay has published a commit-ordered log (the bets topic from bet_revisions).
CREATE TABLE relay_positions (
    relay    text   PRIMARY KEY,
    position bigint NOT NULL
);

-- Leases: one holder at a time across all instances for work that must not run twice at once (one
-- collector per provider, one relay per log). A holder that stops renewing loses it at expires_at;
-- epoch grows with every change of holder, and writes made under a lease check it (fencing).
CREATE TABLE leases (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    epoch      bigint      NOT NULL,
    expires_at timestamptz NOT NULL
);
