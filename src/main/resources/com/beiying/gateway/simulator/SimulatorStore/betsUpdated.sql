-- Bets changed in [from, to), as a provider that reports by modification time lists them.
SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE game = :game AND updated_at >= :from AND updated_at < :to ORDER BY updated_at, bet_id
