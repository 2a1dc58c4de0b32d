-- Settled bets of recent hours (for simulated play to resettle one now and then), optionally of the
-- given accounts only ('<game>:<account>').
SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE status = 'SETTLED' AND settled_at > :since AND (:all OR game || ':' || account = ANY (CAST(:keys AS text[])))
ORDER BY random() LIMIT :limit
