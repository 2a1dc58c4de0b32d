SELECT game, account, currency, balance FROM sim_accounts WHERE game = :game AND account = :account
