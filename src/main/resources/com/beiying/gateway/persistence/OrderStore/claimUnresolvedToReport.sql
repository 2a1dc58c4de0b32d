-- Claims orders unresolved since before :before that were not yet reported, marking them reported:
-- each is claimed by one worker once (SKIP LOCKED lets concurrent workers take different ones).
WITH due AS (
    SELECT operator_id, order_id FROM orders
    WHERE status IN ('PENDING', 'PROCESSING') AND created_at < :before AND unresolved_reported_at IS NULL
    ORDER BY created_at LIMIT :limit
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE orders o SET unresolved_reported_at = clock_timestamp()
    FROM due WHERE o.operator_id = due.operator_id AND o.order_id = due.order_id
    RETURNING o.*
)
SELECT c.operator_id, c.order_id, c.member_id, m.user_name, c.game, c.amount, c.action, c.status, c.failure,
       c.balance_after, c.request_id, c.created_at, c.finished_at, c.language, c.transfer_no
FROM claimed c JOIN members m USING (member_id)
