-- Records one provider's bets as a collector saw them. A bet is stored only when its account is one
-- of ours (it then belongs to that member's operator); a bet seen before gets a new revision only
-- when its content changed. A settled bet whose payout changes is Resettled, and stays so, even at
-- providers that have no word for it. Returns the provider bet ids that got a new revision.
WITH incoming AS (
    SELECT *
    FROM unnest(CAST(:ids AS text[]), CAST(:accounts AS text[]), CAST(:gameIds AS text[]), CAST(:roundIds AS text[]),
                CAST(:currencies AS text[]), CAST(CAST(:betAmounts AS text[]) AS numeric[]),
                CAST(CAST(:validBets AS text[]) AS numeric[]), CAST(CAST(:payouts AS text[]) AS numeric[]),
                CAST(:statuses AS text[]), CAST(CAST(:betTimes AS text[]) AS timestamptz[]),
                CAST(CAST(:settledAts AS text[]) AS timestamptz[]), CAST(CAST(:providerUpdatedAts AS text[]) AS timestamptz[]))
         AS i(provider_bet_id, account, game_id, round_id, currency, bet_amount, valid_bet, payout, status, bet_time,
              settled_at, provider_updated_at)
), latest AS (
    -- a provider that repeats a bet within one answer: its latest word counts
    SELECT DISTINCT ON (i.provider_bet_id) i.*, p.member_id, m.operator_id
    FROM incoming i
    JOIN provider_accounts p ON p.game = :game AND p.account_name = i.account
    JOIN members m ON m.member_id = p.member_id
    ORDER BY i.provider_bet_id, i.provider_updated_at DESC
), owned AS (
    SELECT l.provider_bet_id, l.operator_id, l.member_id, l.game_id, l.round_id, l.currency, l.bet_amount, l.valid_bet,
           l.payout,
           CASE WHEN l.status = 'SETTLED' AND e.status = 'RESETTLED' THEN 'RESETTLED'
                WHEN l.status = 'SETTLED' AND e.status = 'SETTLED' AND e.payout <> l.payout THEN 'RESETTLED'
                ELSE l.status END AS status,
           l.bet_time, l.settled_at, l.provider_updated_at
    FROM latest l
    LEFT JOIN bets e ON e.game = :game AND e.provider_bet_id = l.provider_bet_id
)
INSERT INTO bets AS b (game, provider_bet_id, operator_id, member_id, game_id, round_id, currency, bet_amount, valid_bet,
                       payout, status, bet_time, settled_at, provider_updated_at, updated_at, revision)
SELECT :game, provider_bet_id, operator_id, member_id, game_id, round_id, currency, bet_amount, valid_bet, payout, status,
       bet_time, settled_at, provider_updated_at, date_trunc('milliseconds', clock_timestamp()), 1
FROM owned
ON CONFLICT (game, provider_bet_id) DO UPDATE
SET game_id = excluded.game_id, round_id = excluded.round_id, currency = excluded.currency,
    bet_amount = excluded.bet_amount, valid_bet = excluded.valid_bet, payout = excluded.payout, status = excluded.status,
    bet_time = excluded.bet_time, settled_at = excluded.settled_at, provider_updated_at = excluded.provider_updated_at,
    updated_at = excluded.updated_at, revision = b.revision + 1
WHERE (b.game_id, b.round_id, b.currency, b.bet_amount, b.valid_bet, b.payout, b.status, b.bet_time, b.settled_at)
      IS DISTINCT FROM
      (excluded.game_id, excluded.round_id, excluded.currency, excluded.bet_amount, excluded.valid_bet, excluded.payout,
       excluded.status, excluded.bet_time, excluded.settled_at)
RETURNING provider_bet_id
