-- A PENDING order; its creation time, or no row when the OrderID is taken.
INSERT INTO orders (operator_id, order_id, member_id, game, amount, action, status, request_id, language)
VALUES (:operatorId, :orderId, :memberId, :game, :amount, :action, 'PENDING', :requestId, :language)
ON CONFLICT DO NOTHING
RETURNING created_at, transfer_no
