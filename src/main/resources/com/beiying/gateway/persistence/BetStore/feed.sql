-- An operator's revisions after a position, in commit order.
SELECT r.game, r.provider_bet_id, m.user_name, r.game_id, r.round_id, r.currency, r.bet_amount, r.valid_bet, r.payout,
       r.status, r.bet_time, r.settled_at, r.updated_at, r.revision, r.position, 0 AS total
FROM bet_revisions r
JOIN members m ON m.member_id = r.member_id
WHERE r.operator_id = :operatorId AND r.position > :after
ORDER BY r.position
LIMIT :limit
