-- An attempt that did not settle the order: the next waits twice as long, at most five minutes.
UPDATE orders SET resolve_attempts = resolve_attempts + 1,
    next_resolve_at = now() + least(interval '5 minutes', interval '1 second' * power(2, resolve_attempts + 1))
WHERE operator_id = :operatorId AND order_id = :orderId AND status IN ('PENDING', 'PROCESSING')
