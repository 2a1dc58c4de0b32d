UPDATE sim_orders SET status = :status WHERE game = :game AND order_id = :orderId
