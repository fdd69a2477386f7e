-- Signed checkpoints of the audit chain's head (issue 11 item 5). The signature is made with a key the database never
-- holds, so a database superuser who rewrites the trail and rewinds audit_head cannot make a checkpoint that matches
-- the rewrite: verify and every export compare the chain with these. Numbered from 1 without gaps, so a deleted one
-- is noticed; one per head (seq), written under an advisory lock by one instance at a time.
CREATE TABLE audit_checkpoints (
    id        bigint PRIMARY KEY,
    seq       bigint      NOT NULL UNIQUE,
    hash      text        NOT NULL,
    time      timestamptz NOT NULL,
    key_id    text        NOT NULL,
    signature text        NOT NULL
);

CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION append_only();
