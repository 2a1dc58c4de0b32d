-- Transfer orders. OrderID is unique per operator and is the provider-side idempotency key.
-- A transfer moves only forward: PENDING -> PROCESSING -> SUCCESS | FAILED (the trigger enforces it).
CREATE TABLE orders (
    operator_id  text          NOT NULL,
    order_id     text          NOT NULL CHECK (order_id ~ '^[A-Za-z0-9_-]{6,32}$'),
    member_id    bigint        NOT NULL REFERENCES members,
    game         text          NOT NULL,
    amount       numeric(18,2) NOT NULL CHECK (amount > 0 AND amount <= 1000000.00),
    action       text          NOT NULL CHECK (action IN ('IN', 'OUT')),
    status       text          NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCESS', 'FAILED')),
    failure      text,
    -- the member's balance at the provider right after the transfer, so every replay answers alike
    balance_after numeric(18,2),
    request_id   text          NOT NULL,
    -- the resolver's backoff: how often it asked, and not before when it asks again
    resolve_attempts integer   NOT NULL DEFAULT 0,
    next_resolve_at  timestamptz,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    PRIMARY KEY (operator_id, order_id),
    CHECK ((status IN ('SUCCESS', 'FAILED')) = (finished_at IS NOT NULL))
);
CREATE INDEX orders_unresolved ON orders (created_at) WHERE status IN ('PENDING', 'PROCESSING');

CREATE FUNCTION orders_forward_only() RETURNS trigger AS $$
BEGIN
    IF OLD.status = NEW.status THEN
        RETURN NEW;
    END IF;
    IF (OLD.status = 'PENDING' AND NEW.status IN ('PROCESSING', 'SUCCESS', 'FAILED'))
       OR (OLD.status = 'PROCESSING' AND NEW.status IN ('SUCCESS', 'FAILED')) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'order %/% cannot move from % to %', OLD.operator_id, OLD.order_id, OLD.status, NEW.status
        USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER orders_forward_only BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_forward_only();

-- Double-entry ledger: every movement is a pair of lines that sum to zero, written in the same
-- transaction as the order's final state. Accounts: 'member:<member_id>:<game>' (the member's
-- wallet at the provider) and 'credit:<operator_id>:<game>' (the operator's credit line).
CREATE TABLE ledger_entries (
    entry_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator_id  text          NOT NULL,
    order_id     text          NOT NULL,
    account      text          NOT NULL,
    amount       numeric(18,2) NOT NULL CHECK (amount <> 0),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    FOREIGN KEY (operator_id, order_id) REFERENCES orders
);
CREATE INDEX ledger_entries_account ON ledger_entries (account);
CREATE UNIQUE INDEX ledger_entries_once ON ledger_entries (operator_id, order_id, account);

-- credit_used is transfers IN minus transfers OUT; it goes below zero when members win. A
-- transfer IN may only reserve what the line still has (checked where it is reserved).
