-- Forgets revisions older than the feed keeps; a bet's latest state stays in bets.
DELETE FROM bet_revisions WHERE position IN (
    SELECT position FROM bet_revisions WHERE updated_at < :before ORDER BY position LIMIT :limit)
