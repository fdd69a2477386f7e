-- Fleet sync jobs: one publication's CXone theme applied to many widgets by batch-sync calls.
-- QUEUED -> RUNNING -> SUCCEEDED | COMPLETED_WITH_FAILURES | FAILED. An instance owns a running job while its lease
-- holds (claimed with FOR UPDATE SKIP LOCKED); after a crash another instance takes it over once the lease expires.
CREATE TABLE sync_jobs (
    id                uuid PRIMARY KEY,
    publication_id    uuid        NOT NULL REFERENCES publications (id),
    target_theme_id   uuid        NOT NULL,             -- the publication's cxone_theme_id
    override_existing boolean     NOT NULL,
    batch_size        integer     NOT NULL,             -- fixed at creation: items carry their batch number
    state             text        NOT NULL,
    total             integer     NOT NULL,
    synced            integer     NOT NULL DEFAULT 0,
    skipped           integer     NOT NULL DEFAULT 0,
    failed            integer     NOT NULL DEFAULT 0,
    requested_by      text        NOT NULL,
    request_id        text,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz NOT NULL,
    lease_owner       text,
    lease_until       timestamptz
);
CREATE INDEX sync_jobs_runnable ON sync_jobs (created_at) WHERE state IN ('QUEUED', 'RUNNING');

-- One row per widget of a job; PENDING until the batch that carried it is recorded (one transaction per batch).
CREATE TABLE sync_items (
    job_id      uuid        NOT NULL REFERENCES sync_jobs (id),
    seq         integer     NOT NULL,                   -- position in the request (after de-duplication)
    widget_id   text        NOT NULL,
    batch       integer     NOT NULL,                   -- seq / batch_size
    status      text        NOT NULL,                   -- PENDING | SYNCED | SKIPPED | FAILED
    reason      text,
    finished_at timestamptz,
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX sync_items_pending ON sync_items (job_id, batch) WHERE status = 'PENDING';
CREATE INDEX sync_items_by_status ON sync_items (job_id, status, seq);
