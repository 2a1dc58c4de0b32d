SELECT operator_id, game, credit_limit, credit_used FROM operator_games WHERE operator_id = :operatorId AND game = :game
