SELECT game FROM operator_games WHERE operator_id = :operatorId AND enabled ORDER BY game
