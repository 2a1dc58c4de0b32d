INSERT INTO operators (operator_id, name, ip_allowlist, launch_domain, currency, error_format, rate_limit, kafka_native, time_zone)
VALUES (:operatorId, :name, string_to_array(:ipAllowlist, ','), :launchDomain, :currency, :errorFormat,
        :rateLimit, :kafkaNative, :timeZone)
ON CONFLICT (operator_id) DO NOTHING
