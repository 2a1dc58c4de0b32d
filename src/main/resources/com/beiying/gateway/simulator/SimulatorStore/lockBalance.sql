-- The balance, locking the account until the transaction ends: transfers of one account serialise.
SELECT balance FROM sim_accounts WHERE game = :game AND account = :account FOR UPDATE
