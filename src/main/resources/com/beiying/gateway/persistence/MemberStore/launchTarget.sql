-- The provider URL of a launch session issued within the last ten minutes.
SELECT provider_url FROM launch_sessions WHERE session_id = :sessionId AND created_at > now() - interval '10 minutes'
