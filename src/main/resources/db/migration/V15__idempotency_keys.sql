-- Idempotency keys (issue 26): what a creating POST sent with an Idempotency-Key answered, written in the same
-- transaction as what it created. A retry of the same request (same subject and key, same method, path and body) gets
-- the stored answer from any instance, also after the first instance died right after its commit; until that commit
-- nothing is visible, and the first request's transaction holds an advisory lock on the key meanwhile
-- (idempotency.IdempotencyStore), so a concurrent retry is told "in progress" instead of creating a second one.
-- Only a hash of the request is kept, never its body. The answer is the created resource's representation (a draft, a
-- publication, a sync job, a watch): none carries a secret. Rows expire after APP_IDEMPOTENCY_TTL and are purged in
-- bounded batches (idempotency.IdempotencyPurge).
CREATE TABLE idempotency_keys (
    subject      text        NOT NULL,               -- the token's sub (the audit actor): keys are per caller
    idem_key     text        NOT NULL,               -- the header's value, 1-255 characters (quotes removed)
    request_hash text        NOT NULL,               -- sha256 (hex) of method, path and the body's bytes
    status       integer     NOT NULL,               -- what the first request answered ...
    location     text,                               -- ... its Location (path) ...
    etag         text,                               -- ... its ETag ...
    content_type text        NOT NULL,
    body         bytea       NOT NULL,               -- ... and its body, byte for byte
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,               -- created_at + APP_IDEMPOTENCY_TTL, on the database's clock
    PRIMARY KEY (subject, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
