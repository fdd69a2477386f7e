-- Publications: one theme version published to one widget, carried out by a durable job (state machine below).
-- QUEUED -> SUBMITTED -> ACTIVATING -> ACTIVE | FAILED
CREATE TABLE publications (
    id               uuid PRIMARY KEY,
    widget_id        text        NOT NULL,
    theme_id         uuid        NOT NULL REFERENCES themes (id),
    theme_version    integer     NOT NULL,
    content_hash     text        NOT NULL,
    version_tag      text        NOT NULL,
    on_conflict      text        NOT NULL,             -- fail | suffix
    cxone_theme_id   uuid        NOT NULL,             -- the client-generated id sent to CXone (reused on retries)
    state            text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,   -- submit attempts
    polls            integer     NOT NULL DEFAULT 0,   -- status polls
    failure_reason   text,
    rollback_of      uuid REFERENCES publications (id),
    requested_by     text        NOT NULL,
    request_id       text,
    created_at       timestamptz NOT NULL,
    submitted_at     timestamptz,
    activated_at     timestamptz,
    finished_at      timestamptz,
    deadline_at      timestamptz NOT NULL,
    next_run_at      timestamptz NOT NULL,             -- when the job should next act (submit or poll)
    lease_owner      text,                             -- the instance working on it
    lease_until      timestamptz,                      -- taken over by another instance after this
    updated_at       timestamptz NOT NULL
);
CREATE INDEX publications_by_widget ON publications (widget_id, created_at DESC);
CREATE INDEX publications_due ON publications (next_run_at) WHERE state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING');
