-- Accounts that can place a bet of at least the given stake (for simulated play), optionally only
-- the given ones ('<game>:<account>').
SELECT game, account, currency, balance FROM sim_accounts
WHERE balance >= :least AND (:all OR game || ':' || account = ANY (CAST(:keys AS text[])))
ORDER BY random() LIMIT :limit
