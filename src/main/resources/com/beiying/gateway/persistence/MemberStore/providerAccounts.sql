-- A member's accounts at the providers, one per game it has opened, with when each was opened.
SELECT game, account_name, created_at FROM provider_accounts WHERE member_id = :memberId ORDER BY game
