-- Per member and game of the given members, what their bets did to the provider balance
-- (docs/bets.md, "Reconciliation"): the win/loss of settled and resettled bets, less the stake of
-- open ones; a void bet counts zero.
SELECT b.member_id, b.game,
       coalesce(sum(b.payout - b.bet_amount) FILTER (WHERE b.status IN ('SETTLED', 'RESETTLED')), 0) AS settled,
       coalesce(sum(b.bet_amount) FILTER (WHERE b.status = 'OPEN'), 0) AS open_stakes,
       count(*) AS bets
FROM bets b
WHERE b.member_id = ANY(:memberIds)
  AND (CAST(:game AS text) IS NULL OR b.game = :game)
GROUP BY b.member_id, b.game
