SELECT position FROM relay_positions WHERE relay = :relay
