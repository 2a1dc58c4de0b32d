-- A gateway-wide number per transfer, from which adapters make the ids of providers that take
-- only digits (or a number inside a fixed format). It never changes, so every retry of a transfer
-- and every status query names it alike.
ALTER TABLE orders ADD COLUMN transfer_no bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX orders_transfer_no ON orders (transfer_no);
