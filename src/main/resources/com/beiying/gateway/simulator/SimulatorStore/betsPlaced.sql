-- Bets placed in [from, to), as a provider that reports by bet time lists them (in their current state).
SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE game = :game AND bet_time >= :from AND bet_time < :to ORDER BY bet_time, bet_id
