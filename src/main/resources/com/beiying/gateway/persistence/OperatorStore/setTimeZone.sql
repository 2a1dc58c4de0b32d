UPDATE operators SET time_zone = :timeZone, updated_at = now() WHERE operator_id = :operatorId
