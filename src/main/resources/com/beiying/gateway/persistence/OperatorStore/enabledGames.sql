SELECT operator_id, game FROM operator_games WHERE enabled
