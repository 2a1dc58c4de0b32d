-- Revisions of every operator after a relay's position, in commit order, for the bets topic.
SELECT r.operator_id, r.game, r.provider_bet_id, m.user_name, r.game_id, r.round_id, r.currency, r.bet_amount,
       r.valid_bet, r.payout, r.status, r.bet_time, r.settled_at, r.updated_at, r.revision, r.position,
       o.time_zone
FROM bet_revisions r
JOIN members m ON m.member_id = r.member_id
JOIN operators o ON o.operator_id = r.operator_id
WHERE r.position > :after
ORDER BY r.position
LIMIT :limit
