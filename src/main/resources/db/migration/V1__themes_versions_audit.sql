-- Drafts: the editable head of each theme. Its content is always its latest version's.
CREATE TABLE themes (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    current_version integer     NOT NULL,
    source          text        NOT NULL,            -- created | imported
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    deleted_at      timestamptz,
    deleted_by      text
);
CREATE INDEX themes_live_by_update ON themes (updated_at DESC, id) WHERE deleted_at IS NULL;

-- Every saved state of a theme, numbered from 1, never updated or deleted (deleting a draft keeps these).
CREATE TABLE theme_versions (
    theme_id     uuid        NOT NULL REFERENCES themes (id),
    version      integer     NOT NULL,
    content      jsonb       NOT NULL,
    content_hash text        NOT NULL,               -- SHA-256 of the canonical theme JSON
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    PRIMARY KEY (theme_id, version)
);

-- The audit trail: append-only, numbered without gaps, each event chained to the previous one by hash.
CREATE TABLE audit_events (
    seq            bigint PRIMARY KEY,
    time           timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    outcome        text        NOT NULL,
    theme_id       text,
    widget_id      text,
    publication_id text,
    job_id         text,
    request_id     text,
    details        jsonb,
    prev_hash      text        NOT NULL,
    hash           text        NOT NULL
);
CREATE INDEX audit_by_theme ON audit_events (theme_id, seq) WHERE theme_id IS NOT NULL;
CREATE INDEX audit_by_widget ON audit_events (widget_id, seq) WHERE widget_id IS NOT NULL;
CREATE INDEX audit_by_actor ON audit_events (actor, seq);
CREATE INDEX audit_by_action ON audit_events (action, seq);
CREATE INDEX audit_by_time ON audit_events (time);

-- The chain's head, locked by each append: serialises writers (no forks, no duplicate numbers) and lets verify
-- notice events deleted from the end.
CREATE TABLE audit_head (
    id   integer PRIMARY KEY CHECK (id = 1),
    seq  bigint  NOT NULL,
    hash text    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Append-only in the database too: an UPDATE or DELETE needs a superuser who first disables this trigger
-- (and verify then finds the change).
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER theme_versions_immutable BEFORE UPDATE OR DELETE ON theme_versions
    FOR EACH ROW EXECUTE FUNCTION append_only();
