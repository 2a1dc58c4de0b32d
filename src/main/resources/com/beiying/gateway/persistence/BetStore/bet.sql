-- One of an operator's bets; another operator's is not found.
SELECT b.game, b.provider_bet_id, m.user_name, b.game_id, b.round_id, b.currency, b.bet_amount, b.valid_bet, b.payout,
       b.status, b.bet_time, b.settled_at, b.updated_at, b.revision, 0 AS position, 0 AS total
FROM bets b
JOIN members m ON m.member_id = b.member_id
WHERE b.game = :game AND b.provider_bet_id = :providerBetId AND b.operator_id = :operatorId
