-- The balances of the given accounts of one game, locked until the transaction ends. Always taken
-- in name order, so that two bulk placements over the same accounts cannot deadlock.
SELECT account, balance FROM sim_accounts
WHERE game = :game AND account = ANY (CAST(:accounts AS text[]))
ORDER BY account
FOR UPDATE
