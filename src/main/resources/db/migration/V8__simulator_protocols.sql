-- The simulated providers speak their own protocols now. A transfer may be prepared before it is
-- confirmed (AG's two-step transfer), and bets carry everything a provider reports about them:
-- its own bet id, game and round, stake, valid bet, payout (stake included), state and times.
ALTER TABLE sim_orders DROP CONSTRAINT sim_orders_status_check;
ALTER TABLE sim_orders ADD CONSTRAINT sim_orders_status_check CHECK (status IN ('PREPARED', 'SUCCESS', 'FAILED'));

DROP TABLE sim_bets;
CREATE TABLE sim_bets (
    game        text          NOT NULL,
    bet_id      text          NOT NULL,
    account     text          NOT NULL,
    game_id     text          NOT NULL,
    round_id    text          NOT NULL,
    currency    text          NOT NULL,
    stake       numeric(18,2) NOT NULL CHECK (stake > 0),
    valid_bet   numeric(18,2) NOT NULL CHECK (valid_bet >= 0),
    payout      numeric(18,2) NOT NULL DEFAULT 0 CHECK (payout >= 0),
    status      text          NOT NULL CHECK (status IN ('OPEN', 'SETTLED', 'VOID', 'RESETTLED')),
    bet_time    timestamptz   NOT NULL,
    settled_at  timestamptz,
    updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (game, bet_id)
);
CREATE INDEX sim_bets_updated ON sim_bets (game, updated_at);
CREATE INDEX sim_bets_placed ON sim_bets (game, bet_time);
CREATE SEQUENCE sim_bet_ids START 100000001;
