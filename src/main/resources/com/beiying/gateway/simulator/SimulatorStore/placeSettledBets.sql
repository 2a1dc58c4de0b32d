-- Places :count bets already settled, in one statement (the benchmark's bulk placement). Bet i goes
-- to the (i mod n)-th of the n given accounts and is placed and settled at
-- from + (to - from) * i / count, so the bets spread evenly over the accounts and over [from, to).
-- Ids come from the bet sequence and round ids are made as a single placement makes them. Each
-- account's balance moves by what its bets won or lost (payout less stake each), in the same
-- statement; the caller has locked the accounts and checked that they can afford it.
WITH picked AS (
    SELECT k.account, k.slot - 1 AS slot
    FROM unnest(CAST(:accounts AS text[])) WITH ORDINALITY AS k(account, slot)
), numbered AS (
    SELECT i, CAST(nextval('sim_bet_ids') AS text) AS bet_id,
           date_trunc('milliseconds', CAST(:from AS timestamptz)
               + (CAST(:to AS timestamptz) - CAST(:from AS timestamptz)) * (CAST(i AS float8) / :count)) AS at
    FROM generate_series(0, :count - 1) AS i
), placed AS (
    INSERT INTO sim_bets (game, bet_id, account, game_id, round_id, currency, stake, valid_bet, payout, status, bet_time,
                          settled_at, updated_at)
    SELECT :game, n.bet_id, a.account, :gameId, lower(:game) || '-r' || n.bet_id, a.currency, CAST(:stake AS numeric),
           CAST(:stake AS numeric), CAST(:payout AS numeric), 'SETTLED', n.at, n.at, n.at
    FROM numbered n
    JOIN picked p ON p.slot = n.i % :accountCount
    JOIN sim_accounts a ON a.game = :game AND a.account = p.account
    RETURNING account
), moved AS (
    UPDATE sim_accounts s SET balance = s.balance + w.bets * (CAST(:payout AS numeric) - CAST(:stake AS numeric))
    FROM (SELECT account, count(*) AS bets FROM placed GROUP BY account) w
    WHERE s.game = :game AND s.account = w.account
)
-- (a data-modifying WITH runs whether or not the answer reads it)
SELECT count(*) FROM placed
