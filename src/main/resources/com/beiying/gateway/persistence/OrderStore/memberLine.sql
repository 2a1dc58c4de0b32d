-- A line on a member's wallet at a provider; the account is named here and nowhere else.
INSERT INTO ledger_entries (operator_id, order_id, account, amount)
VALUES (:operatorId, :orderId, 'member:' || :memberId || ':' || :game, :amount)
