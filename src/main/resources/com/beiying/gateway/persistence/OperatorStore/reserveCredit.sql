-- Reserves credit for a transfer in, only if the line still has it.
UPDATE operator_games SET credit_used = credit_used + :amount
WHERE operator_id = :operatorId AND game = :game AND credit_limit - credit_used >= :amount
