-- One page of an operator's latest records whose <by> time lies in [start, end), with the total.
SELECT b.game, b.provider_bet_id, m.user_name, b.game_id, b.round_id, b.currency, b.bet_amount, b.valid_bet, b.payout,
       b.status, b.bet_time, b.settled_at, b.updated_at, b.revision, 0 AS position, count(*) OVER () AS total
FROM bets b
JOIN members m ON m.member_id = b.member_id
WHERE b.operator_id = :operatorId AND b.<by> >= :start AND b.<by> < :end
  AND (CAST(:game AS text) IS NULL OR b.game = :game)
ORDER BY b.<by>, b.game, b.provider_bet_id
LIMIT :limit OFFSET :offset
