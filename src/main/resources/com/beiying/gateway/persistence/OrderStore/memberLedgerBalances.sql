-- One page of member wallets with their ledger balance (transfers in less transfers out), one
-- operator's or all, one member's of it or all, one game's or all, for comparing with the provider (docs/bets.md,
-- "Reconciliation"). Keyset-paged in (operator, member, game) order: the page starts after the
-- wallet the last one ended with, so pages stay small however many wallets there are, and each
-- page's sums read the ledger of its own wallets only.
WITH page AS (
    SELECT p.member_id, m.operator_id, m.user_name, p.game, p.account_name
    FROM provider_accounts p
    JOIN members m USING (member_id)
    WHERE (CAST(:operatorId AS text) IS NULL OR m.operator_id = :operatorId)
      AND (CAST(:userName AS text) IS NULL OR m.user_name = :userName)
      AND (CAST(:game AS text) IS NULL OR p.game = :game)
      AND (CAST(:afterOperator AS text) IS NULL
           OR (m.operator_id, m.user_name, p.game) > (:afterOperator, :afterUser, :afterGame))
    ORDER BY m.operator_id, m.user_name, p.game
    LIMIT :limit
)
SELECT page.member_id, page.operator_id, page.user_name, page.game, page.account_name,
       coalesce((SELECT sum(l.amount) FROM ledger_entries l
                 WHERE l.account = 'member:' || page.member_id || ':' || page.game), 0) AS ledger
FROM page
ORDER BY page.operator_id, page.user_name, page.game
