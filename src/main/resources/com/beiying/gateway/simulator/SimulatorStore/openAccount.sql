INSERT INTO sim_accounts (game, account, currency) VALUES (:game, :account, :currency) ON CONFLICT DO NOTHING
