-- The daily report (docs/events.md, "Daily report"): per day of the operator's time zone (the days'
-- bounds come in as instants, so any zone, DST included, is exact) and game: successful transfers
-- in and out by the time they finished, settled and resettled bets by the time they settled (void
-- and open bets count nothing), and the members active in either.
WITH days AS (
    SELECT * FROM unnest(CAST(:days AS text[]), CAST(CAST(:starts AS text[]) AS timestamptz[]),
                         CAST(CAST(:ends AS text[]) AS timestamptz[])) AS d(day, day_start, day_end)
), transfers AS (
    SELECT d.day, o.game,
           coalesce(sum(o.amount) FILTER (WHERE o.action = 'IN'), 0)  AS transfers_in,
           count(*) FILTER (WHERE o.action = 'IN')                   AS transfers_in_count,
           coalesce(sum(o.amount) FILTER (WHERE o.action = 'OUT'), 0) AS transfers_out,
           count(*) FILTER (WHERE o.action = 'OUT')                  AS transfers_out_count
    FROM orders o JOIN days d ON o.finished_at >= d.day_start AND o.finished_at < d.day_end
    WHERE o.operator_id = :operatorId AND o.status = 'SUCCESS' AND (CAST(:game AS text) IS NULL OR o.game = :game)
    GROUP BY d.day, o.game
), settled AS (
    SELECT d.day, b.game, count(*) AS bets, sum(b.bet_amount) AS bet_amount, sum(b.valid_bet) AS turnover,
           sum(b.payout) AS payout
    FROM bets b JOIN days d ON b.settled_at >= d.day_start AND b.settled_at < d.day_end
    WHERE b.operator_id = :operatorId AND b.status IN ('SETTLED', 'RESETTLED') AND (CAST(:game AS text) IS NULL OR b.game = :game)
    GROUP BY d.day, b.game
), active AS (
    SELECT day, game, count(DISTINCT member_id) AS members FROM (
        SELECT d.day, o.game, o.member_id
        FROM orders o JOIN days d ON o.finished_at >= d.day_start AND o.finished_at < d.day_end
        WHERE o.operator_id = :operatorId AND o.status = 'SUCCESS' AND (CAST(:game AS text) IS NULL OR o.game = :game)
        UNION ALL
        SELECT d.day, b.game, b.member_id
        FROM bets b JOIN days d ON b.settled_at >= d.day_start AND b.settled_at < d.day_end
        WHERE b.operator_id = :operatorId AND b.status IN ('SETTLED', 'RESETTLED') AND (CAST(:game AS text) IS NULL OR b.game = :game)
    ) m GROUP BY day, game
)
SELECT a.day, a.game,
       coalesce(t.transfers_in, 0), coalesce(t.transfers_in_count, 0), coalesce(t.transfers_out, 0),
       coalesce(t.transfers_out_count, 0), coalesce(s.bets, 0), coalesce(s.bet_amount, 0), coalesce(s.turnover, 0),
       coalesce(s.payout, 0), a.members
FROM active a
LEFT JOIN transfers t ON t.day = a.day AND t.game = a.game
LEFT JOIN settled s ON s.day = a.day AND s.game = a.game
ORDER BY a.day, a.game
