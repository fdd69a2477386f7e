-- Governance (SPEC section 9): a policy per widget, and the decisions of approvers on publications.
-- Publications gain states PENDING_APPROVAL and SCHEDULED (waiting: held by the job engine's run_at, which is the
-- approval deadline of a pending row and the start time of a scheduled one) and REJECTED and EXPIRED (terminal);
-- state is text, so they need no DDL.
CREATE TABLE widget_policies (
    widget_id            text PRIMARY KEY,
    approvals            integer     NOT NULL CHECK (approvals BETWEEN 0 AND 2),  -- distinct approvers needed
    windows              jsonb       NOT NULL DEFAULT '[]',  -- [{days: ["MON", ...], from: "HH:MM", to: "HH:MM", zone}]
    approval_ttl_seconds bigint      NOT NULL CHECK (approval_ttl_seconds > 0),
    updated_by           text        NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- one decision per person and publication: a second approval by the same person is refused before it gets here
CREATE TABLE publication_approvals (
    publication_id uuid        NOT NULL REFERENCES publications (id),
    approver       text        NOT NULL,
    decision       text        NOT NULL CHECK (decision IN ('approved', 'rejected')),
    reason         text,
    decided_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (publication_id, approver)
);

-- what the request asked of the policy path: approvals needed (the widget's policy when it was requested) and the
-- requester's earliest start
ALTER TABLE publications ADD COLUMN approvals_required integer NOT NULL DEFAULT 0,
    ADD COLUMN not_before timestamptz;

-- the engine's due index covers the waiting states too (a pending row is claimed at its deadline to expire it)
DROP INDEX publications_run_at;
CREATE INDEX publications_run_at ON publications (run_at)
    WHERE state IN ('PENDING_APPROVAL', 'SCHEDULED', 'QUEUED', 'SUBMITTED', 'ACTIVATING');
CREATE INDEX publications_pending ON publications (created_at) WHERE state = 'PENDING_APPROVAL';
