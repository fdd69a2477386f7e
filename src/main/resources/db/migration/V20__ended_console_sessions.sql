-- Console sessions a person ended with GET /logout (io.cxone.themes.signin.EndedSessions, the only writer). The
-- session cookie is self-contained (Quarkus OIDC keeps the tokens in it), so the browser dropping it is not enough: a
-- copy of it would still work until its tokens expire. Every /api call with a session cookie looks its session up here,
-- on every replica. The key is an HMAC of the provider's session id (sid, else subject and sign-in time), never the id
-- itself. Rows older than any session can live are deleted when a new one is written.
CREATE TABLE ended_console_sessions (
    session_hash text PRIMARY KEY,
    ended_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ended_console_sessions_by_age ON ended_console_sessions (ended_at);
