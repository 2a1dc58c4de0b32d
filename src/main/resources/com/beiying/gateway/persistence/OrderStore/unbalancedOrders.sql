-- Orders whose ledger lines do not sum to zero, a final success without its two lines, or a
-- non-success with lines.
SELECT 'order ' || o.operator_id || '/' || o.order_id || ': ' ||
       CASE WHEN o.status = 'SUCCESS' AND count(l.entry_id) <> 2 THEN 'success with ' || count(l.entry_id) || ' ledger lines'
            WHEN o.status <> 'SUCCESS' AND count(l.entry_id) <> 0 THEN lower(o.status) || ' with ledger lines'
            ELSE 'ledger lines sum to ' || coalesce(sum(l.amount), 0) END
FROM orders o LEFT JOIN ledger_entries l USING (operator_id, order_id)
GROUP BY o.operator_id, o.order_id, o.status
HAVING coalesce(sum(l.amount), 0) <> 0
    OR (o.status = 'SUCCESS' AND count(l.entry_id) <> 2)
    OR (o.status <> 'SUCCESS' AND count(l.entry_id) <> 0)
