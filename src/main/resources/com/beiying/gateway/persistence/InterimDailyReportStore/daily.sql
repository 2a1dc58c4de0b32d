-- INTERIM (issue 17): the console's daily report until the report route of the admin API lands;
-- it goes together with InterimDailyReportStore. Per day of the operator's time zone and game:
-- successful transfers by the day they finished, bets by the day they were settled (void and
-- resettled included, open ones not). The caller passes each day's [start, end) instants, so time
-- zones and daylight saving are decided once, in Java, for any zone id or fixed offset.
WITH days AS (
    SELECT d.day, d.starts, d.ends
    FROM unnest(CAST(:days AS date[]), CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) AS d(day, starts, ends)
),
transfers AS (
    SELECT days.day, o.game, o.member_id,
           CASE WHEN o.action = 'IN' THEN o.amount ELSE 0.00 END AS amount_in,
           CASE WHEN o.action = 'OUT' THEN o.amount ELSE 0.00 END AS amount_out
    FROM days JOIN orders o ON o.finished_at >= days.starts AND o.finished_at < days.ends
    WHERE o.operator_id = :operatorId AND o.status = 'SUCCESS'
),
settled AS (
    SELECT days.day, b.game, b.member_id, b.bet_amount, b.valid_bet, b.payout
    FROM days JOIN bets b ON b.settled_at >= days.starts AND b.settled_at < days.ends
    WHERE b.operator_id = :operatorId AND b.status <> 'OPEN'
),
t AS (
    SELECT day, game, sum(amount_in) AS transfers_in, sum(amount_out) AS transfers_out FROM transfers GROUP BY day, game
),
s AS (
    -- GGR is the house's side: stakes less payouts (a void bet's payout is its stake: zero)
    SELECT day, game, count(*) AS bets, sum(valid_bet) AS turnover, sum(payout) AS payout, sum(bet_amount - payout) AS ggr
    FROM settled GROUP BY day, game
),
a AS (
    SELECT day, game, count(DISTINCT member_id) AS active_members
    FROM (SELECT day, game, member_id FROM transfers UNION ALL SELECT day, game, member_id FROM settled) x
    GROUP BY day, game
)
SELECT a.day, a.game, coalesce(t.transfers_in, 0.00) AS transfers_in, coalesce(t.transfers_out, 0.00) AS transfers_out,
       coalesce(s.bets, 0) AS bets, coalesce(s.turnover, 0.00) AS turnover, coalesce(s.payout, 0.00) AS payout,
       coalesce(s.ggr, 0.00) AS ggr, a.active_members
FROM a LEFT JOIN t USING (day, game) LEFT JOIN s USING (day, game)
ORDER BY a.day, a.game
