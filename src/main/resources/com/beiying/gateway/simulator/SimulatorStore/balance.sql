SELECT balance FROM sim_accounts WHERE game = :game AND account = :account
