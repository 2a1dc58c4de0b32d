SELECT account, amount, direction, status FROM sim_orders WHERE game = :game AND order_id = :orderId FOR UPDATE
