UPDATE operators SET ip_allowlist = string_to_array(:ipAllowlist, ','), updated_at = now() WHERE operator_id = :operatorId
