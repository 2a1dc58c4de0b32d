-- Every operator for the admin list (docs/api.md), oldest first; the allowlist as one comma-separated string.
SELECT operator_id, name, status, array_to_string(ip_allowlist, ',') AS ip_allowlist,
       launch_domain, currency, error_format, rate_limit, kafka_native, time_zone
FROM operators
ORDER BY created_at, operator_id
