-- Accounts that can place a bet of at least the given stake (for simulated play).
SELECT game, account, currency, balance FROM sim_accounts WHERE balance >= :least ORDER BY random() LIMIT :limit
