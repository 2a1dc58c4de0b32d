-- A member's latest transfer orders, newest first (the admin member lookup).
SELECT o.operator_id, o.order_id, o.member_id, m.user_name, o.game, o.amount, o.action, o.status, o.failure,
       o.balance_after, o.request_id, o.created_at, o.finished_at, o.language, o.transfer_no
FROM orders o JOIN members m USING (member_id)
WHERE o.member_id = :memberId
ORDER BY o.created_at DESC, o.transfer_no DESC
LIMIT :limit
