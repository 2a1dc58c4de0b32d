UPDATE orders SET status = 'PROCESSING' WHERE operator_id = :operatorId AND order_id = :orderId AND status = 'PENDING'
