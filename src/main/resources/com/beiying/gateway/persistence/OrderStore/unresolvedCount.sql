-- The resolver's backlog: orders without a final state older than :before (served by orders_unresolved).
SELECT count(*) FROM orders WHERE status IN ('PENDING', 'PROCESSING') AND created_at < :before
