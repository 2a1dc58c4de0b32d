INSERT INTO game_status (game, maintenance, maintenance_until) VALUES (:game, :enabled, :until)
ON CONFLICT (game) DO UPDATE SET maintenance = excluded.maintenance,
    maintenance_until = excluded.maintenance_until, updated_at = now()
