-- Maintenance windows set through the admin API; a window with an end time ends by itself.
CREATE TABLE game_status (
    game               text PRIMARY KEY,
    maintenance        boolean     NOT NULL DEFAULT false,
    maintenance_until  timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
