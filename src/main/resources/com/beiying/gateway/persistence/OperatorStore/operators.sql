-- Every operator; the allowlist comes as one comma-separated string.
SELECT operator_id, name, status, array_to_string(ip_allowlist, ',') AS ip_allowlist,
       launch_domain, currency, error_format, rate_limit, kafka_native, time_zone
FROM operators
