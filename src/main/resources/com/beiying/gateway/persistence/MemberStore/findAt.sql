-- The member and, in the same round trip, its account at one provider (null if never opened).
SELECT m.member_id, m.operator_id, m.user_name, m.password_hash, m.locked, m.created_request_id, pa.account_name
FROM members m LEFT JOIN provider_accounts pa ON pa.member_id = m.member_id AND pa.game = :game
WHERE m.operator_id = :operatorId AND m.user_name = :userName
