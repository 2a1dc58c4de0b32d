-- Settled bets of recent hours (for simulated play to void or resettle one now and then).
SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE status = 'SETTLED' AND settled_at > :since ORDER BY random() LIMIT :limit
