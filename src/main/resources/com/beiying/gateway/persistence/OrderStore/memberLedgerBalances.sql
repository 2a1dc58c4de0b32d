-- Each member wallet's ledger balance, for comparing with the provider.
SELECT p.game, p.account_name, coalesce(sum(l.amount), 0)
FROM provider_accounts p
JOIN members m USING (member_id)
LEFT JOIN ledger_entries l ON l.account = 'member:' || p.member_id || ':' || p.game
WHERE CAST(:operatorId AS text) IS NULL OR m.operator_id = :operatorId
GROUP BY p.game, p.account_name, p.member_id
