-- Every committed batch writes its id in its own transaction, so a commit whose acknowledgement was lost with
-- the connection can be resolved afterwards: the row exists exactly when the batch was committed.
CREATE TABLE counter_batches (
    id         uuid        PRIMARY KEY,
    last_value bigint      NOT NULL,
    size       integer     NOT NULL CHECK (size > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX counter_batches_created_at ON counter_batches (created_at);
