-- A relay's position only moves forward.
INSERT INTO relay_positions (relay, position) VALUES (:relay, :position)
ON CONFLICT (relay) DO UPDATE SET position = greatest(relay_positions.position, excluded.position)
