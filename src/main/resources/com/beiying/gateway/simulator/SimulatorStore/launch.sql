-- Records a launch only if the account exists, in one statement.
INSERT INTO sim_launches (token, game, account, platform, language, game_id)
SELECT :token, game, account, :platform, :language, :gameId FROM sim_accounts
WHERE game = :game AND account = :account
