SELECT game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time, settled_at, updated_at
FROM sim_bets WHERE game = :game AND bet_id = :betId FOR UPDATE
