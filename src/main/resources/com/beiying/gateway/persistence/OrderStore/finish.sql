-- Moves an unresolved order to its final state; no row when it already had one.
UPDATE orders SET status = :status, failure = :failure, balance_after = :balanceAfter, finished_at = now()
WHERE operator_id = :operatorId AND order_id = :orderId AND status IN ('PENDING', 'PROCESSING')
