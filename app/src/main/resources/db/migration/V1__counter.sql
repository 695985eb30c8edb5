-- The counter: one row, incremented by a batch at a time.
CREATE TABLE counter (
    id    smallint PRIMARY KEY CHECK (id = 1),
    value bigint   NOT NULL CHECK (value >= 0)
);
INSERT INTO counter (id, value) VALUES (1, 0);

-- Idempotency keys: a retried request with the same key gets its original answer.
CREATE TABLE idempotency_keys (
    key        text        PRIMARY KEY,
    value      bigint      NOT NULL,
    ts         bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
