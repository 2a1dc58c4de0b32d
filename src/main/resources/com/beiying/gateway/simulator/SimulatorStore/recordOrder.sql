INSERT INTO sim_orders (game, order_id, account, amount, direction, status)
VALUES (:game, :orderId, :account, :amount, :direction, :status)
