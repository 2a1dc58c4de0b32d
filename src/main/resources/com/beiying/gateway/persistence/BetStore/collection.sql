SELECT collected_to, swept_to FROM bet_collection WHERE game = :game
