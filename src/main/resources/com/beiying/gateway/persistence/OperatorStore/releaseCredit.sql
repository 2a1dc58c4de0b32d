-- Gives credit back: a failed transfer in, or a successful transfer out.
UPDATE operator_games SET credit_used = credit_used - :amount WHERE operator_id = :operatorId AND game = :game
