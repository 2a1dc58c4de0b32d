-- Held to the end of the transaction: while one writer takes positions and commits, no other can
-- take any, so no position becomes visible before a smaller one (docs/bets.md, "Feed").
SELECT pg_advisory_xact_lock(7013001)
