INSERT INTO launch_sessions (session_id, member_id, game, provider_url, platform, language, request_id)
VALUES (:sessionId, :memberId, :game, :providerUrl, :platform, :language, :requestId)
