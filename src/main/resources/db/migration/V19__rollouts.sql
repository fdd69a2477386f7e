-- Canary rollouts (io.cxone.themes.rollout, the only writer): a new version (the variant, published through the
-- ordinary publication path) takes A/B weight from the widget's ACTIVE version (the control) stage by stage, gated on
-- CXone analytics. A job table of the engine: lease_owner, lease_until, run_at, failed_attempts and last_failure are
-- the engine's (docs/jobs.md).
CREATE TABLE rollouts (
    id                     uuid PRIMARY KEY,
    widget_id              text NOT NULL,
    theme_id               uuid NOT NULL,
    theme_version          int NOT NULL,
    publication_id         uuid NOT NULL,          -- the variant's publication
    variant_cxone_theme_id uuid,                   -- known once that publication is ACTIVE
    control_publication_id uuid NOT NULL,
    control_cxone_theme_id uuid NOT NULL,
    stages                 int[] NOT NULL,         -- variant weight in percent per stage, strictly increasing to 100
    hold_seconds           int NOT NULL,
    gates                  jsonb NOT NULL,
    state                  text NOT NULL,
    stage                  int,                    -- index into stages while a stage runs; NULL while publishing
    stage_started_at       timestamptz,            -- the stage's weights were set then: its analytics window starts
    hold_extensions        int NOT NULL DEFAULT 0, -- holds added to this stage for want of samples
    command                text,                   -- pause | resume | promote | abort, asked and not yet carried out
    command_by             text,
    last_gate              jsonb,                  -- the last gate read: figures of control and variant, what failed
    outcome                text,                   -- why it ended (ROLLED_BACK, STALLED, FAILED, ABORTED, PROMOTED)
    requested_by           text NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    finished_at            timestamptz,
    request_id             text,
    trace_parent           text,
    lease_owner            text,
    lease_until            timestamptz,
    run_at                 timestamptz NOT NULL DEFAULT now(),
    failed_attempts        int NOT NULL DEFAULT 0,
    last_failure           text
);
CREATE INDEX rollouts_widget ON rollouts (widget_id, created_at DESC);
CREATE INDEX rollouts_run_at ON rollouts (run_at) WHERE state IN ('PENDING_APPROVAL', 'SCHEDULED', 'RUNNING', 'PAUSED', 'STALLED');
-- one rollout at a time per widget: two would fight over the same A/B weights
CREATE UNIQUE INDEX rollouts_one_live_per_widget ON rollouts (widget_id)
    WHERE state IN ('PENDING_APPROVAL', 'SCHEDULED', 'RUNNING', 'PAUSED', 'STALLED');
