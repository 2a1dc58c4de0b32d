SELECT name, holder, epoch, expires_at FROM leases WHERE name LIKE :prefix ORDER BY name
