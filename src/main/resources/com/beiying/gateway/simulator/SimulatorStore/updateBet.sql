UPDATE sim_bets SET payout = :payout, status = :status, settled_at = :settledAt, updated_at = :at
WHERE game = :game AND bet_id = :betId
