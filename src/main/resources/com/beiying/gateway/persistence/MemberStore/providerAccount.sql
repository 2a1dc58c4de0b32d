SELECT account_name FROM provider_accounts WHERE member_id = :memberId AND game = :game
