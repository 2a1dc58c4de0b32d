INSERT INTO sim_bets (game, bet_id, account, game_id, round_id, currency, stake, valid_bet, status, bet_time, updated_at)
VALUES (:game, :betId, :account, :gameId, :roundId, :currency, :stake, :validBet, 'OPEN', :at, :at)
