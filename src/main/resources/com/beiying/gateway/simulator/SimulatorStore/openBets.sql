-- Open bets placed before the given time (for simulated play to settle), optionally of the given
-- accounts only ('<game>:<account>').
SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE status = 'OPEN' AND bet_time < :before AND (:all OR game || ':' || account = ANY (CAST(:keys AS text[])))
ORDER BY bet_time LIMIT :limit
