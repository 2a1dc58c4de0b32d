-- A new member unless the name is taken under the operator; its id, or no row when taken.
INSERT INTO members (operator_id, user_name, password_hash, created_request_id)
VALUES (:operatorId, :userName, :passwordHash, :requestId)
ON CONFLICT (operator_id, user_name) DO NOTHING
RETURNING member_id
