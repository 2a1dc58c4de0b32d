SELECT game, maintenance, maintenance_until FROM game_status
