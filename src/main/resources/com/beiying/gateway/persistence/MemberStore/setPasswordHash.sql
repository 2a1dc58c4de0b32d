UPDATE members SET password_hash = :hash WHERE member_id = :memberId
