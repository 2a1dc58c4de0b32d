UPDATE outbox SET relayed_at = clock_timestamp() WHERE id = ANY (CAST(:ids AS bigint[])) AND relayed_at IS NULL
