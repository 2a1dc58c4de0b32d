-- Appends the new revisions of the given bets to the commit-ordered log. The caller holds the
-- sequencing lock (lockSequence) until it commits, so positions become visible in order.
INSERT INTO bet_revisions (position, operator_id, member_id, game, provider_bet_id, revision, game_id, round_id, currency,
                           bet_amount, valid_bet, payout, status, bet_time, settled_at, updated_at)
SELECT nextval('bet_revision_positions'), s.*
FROM (SELECT b.operator_id, b.member_id, b.game, b.provider_bet_id, b.revision, b.game_id, b.round_id, b.currency,
             b.bet_amount, b.valid_bet, b.payout, b.status, b.bet_time, b.settled_at, b.updated_at
      FROM bets b
      WHERE b.game = :game AND b.provider_bet_id = ANY (CAST(:ids AS text[]))
      ORDER BY b.provider_updated_at, b.provider_bet_id) s
