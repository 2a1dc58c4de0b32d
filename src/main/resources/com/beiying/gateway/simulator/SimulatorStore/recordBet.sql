INSERT INTO sim_bets (game, account, stake, payout) VALUES (:game, :account, :stake, :payout)
