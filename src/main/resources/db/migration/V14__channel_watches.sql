-- Live channel monitor (SPEC section 7): a watch is one public CXone chat channel checked every interval; it is also
-- a job of the engine (jobs.Leases): runnable when next_check_at <= now(), claimed with FOR UPDATE SKIP LOCKED, and
-- the check's one write sets the next next_check_at and releases the lease, so two instances never check one watch
-- twice in an interval.
CREATE TABLE channel_watches (
    id                   uuid PRIMARY KEY,
    brand_id             text        NOT NULL,
    channel_id           text        NOT NULL,
    env                  text        NOT NULL,
    domain               text        NOT NULL,
    name                 text        NOT NULL,
    theme_id             uuid,                           -- the draft whose current version the live look should match
    interval_seconds     integer     NOT NULL CHECK (interval_seconds >= 60),
    state                text        NOT NULL,           -- pending | passing | failing | drifted | unreachable
    last_checked_at      timestamptz,
    last_changed_at      timestamptz,                    -- when the live look last changed (a snapshot was stored)
    next_check_at        timestamptz NOT NULL,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    worst_check          jsonb,                          -- the worst failing error-severity contrast check, if any
    drift_fields         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    lease_owner          text,
    lease_until          timestamptz,
    trace_parent         text,
    UNIQUE (brand_id, channel_id, env, domain)
);
CREATE INDEX channel_watches_due ON channel_watches (next_check_at);
CREATE INDEX channel_watches_by_state ON channel_watches (state, created_at);

-- A snapshot is stored only when the live look changed (its content hash differs from the watch's last snapshot).
CREATE TABLE channel_snapshots (
    id           uuid PRIMARY KEY,
    watch_id     uuid        NOT NULL REFERENCES channel_watches (id) ON DELETE CASCADE,
    time         timestamptz NOT NULL,
    content_hash text        NOT NULL,                   -- sha256 of the appearance as fetched, keys sorted
    appearance   jsonb       NOT NULL,
    theme        jsonb       NOT NULL,
    report       jsonb       NOT NULL
);
CREATE INDEX channel_snapshots_by_watch ON channel_snapshots (watch_id, time DESC);
