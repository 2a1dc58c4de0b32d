SELECT operator_id, name, status, array_to_string(ip_allowlist, ',') AS ip_allowlist,
       launch_domain, currency, error_format, rate_limit, kafka_native, time_zone
FROM operators WHERE operator_id = :operatorId
