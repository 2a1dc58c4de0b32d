UPDATE members SET locked = :locked WHERE member_id = :memberId
