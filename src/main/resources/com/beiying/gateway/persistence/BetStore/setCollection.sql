INSERT INTO bet_collection (game, collected_to, swept_to) VALUES (:game, :collectedTo, :sweptTo)
ON CONFLICT (game) DO UPDATE SET collected_to = excluded.collected_to, swept_to = excluded.swept_to
