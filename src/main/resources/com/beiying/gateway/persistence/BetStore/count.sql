-- The total of a window whose page lies beyond its last record.
SELECT count(*)
FROM bets b
WHERE b.operator_id = :operatorId AND b.<by> >= :start AND b.<by> < :end
  AND (CAST(:game AS text) IS NULL OR b.game = :game)
