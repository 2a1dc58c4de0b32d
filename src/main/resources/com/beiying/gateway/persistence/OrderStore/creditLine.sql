-- A line on an operator's credit line for a game; the account is named here and nowhere else.
INSERT INTO ledger_entries (operator_id, order_id, account, amount)
VALUES (:operatorId, :orderId, 'credit:' || :operatorId || ':' || :game, :amount)
