-- Provider-side money of the simulator: balances never go negative, an order id is applied once
-- per provider (its idempotency key), and settled bets feed the bet-record cursor.
ALTER TABLE sim_accounts ADD CONSTRAINT sim_accounts_balance_not_negative CHECK (balance >= 0);

CREATE TABLE sim_orders (
    game        text          NOT NULL,
    order_id    text          NOT NULL,
    account     text          NOT NULL,
    amount      numeric(18,2) NOT NULL CHECK (amount > 0),
    direction   text          NOT NULL CHECK (direction IN ('IN', 'OUT')),
    status      text          NOT NULL CHECK (status IN ('SUCCESS', 'FAILED')),
    created_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (game, order_id)
);

CREATE TABLE sim_bets (
    bet_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    game        text          NOT NULL,
    account     text          NOT NULL,
    stake       numeric(18,2) NOT NULL,
    payout      numeric(18,2) NOT NULL,
    settled_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX sim_bets_game ON sim_bets (game, bet_id);
