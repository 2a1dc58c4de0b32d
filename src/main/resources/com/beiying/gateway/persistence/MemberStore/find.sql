SELECT member_id, operator_id, user_name, password_hash, locked, created_request_id
FROM members WHERE operator_id = :operatorId AND user_name = :userName
