UPDATE sim_accounts SET balance = balance + :delta WHERE game = :game AND account = :account
