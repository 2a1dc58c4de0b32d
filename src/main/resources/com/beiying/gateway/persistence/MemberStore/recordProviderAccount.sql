-- An opened provider account; recording the same account again changes nothing.
INSERT INTO provider_accounts (member_id, game, account_name) VALUES (:memberId, :game, :account)
ON CONFLICT (member_id, game) DO NOTHING
