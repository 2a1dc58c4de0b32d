-- Gives a lease up at once (an orderly stop), so the next holder need not wait for it to expire.
UPDATE leases SET expires_at = '-infinity' WHERE name = :name AND holder = :holder
