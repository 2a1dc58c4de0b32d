UPDATE operators SET launch_domain = :domain, updated_at = now() WHERE operator_id = :operatorId
