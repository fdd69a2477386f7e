-- Publishing (issue 5): what the job needs beyond V2 to handle version-tag conflicts and report transient trouble.
ALTER TABLE publications
    ADD COLUMN requested_version_tag text,                -- the tag before any conflict suffix (-2, -3, ...)
    ADD COLUMN conflicts integer NOT NULL DEFAULT 0,     -- 409s on the version tag answered with a new suffix
    ADD COLUMN last_error text;                          -- the latest transient CXone trouble (retried)
UPDATE publications SET requested_version_tag = version_tag WHERE requested_version_tag IS NULL;
ALTER TABLE publications ALTER COLUMN requested_version_tag SET NOT NULL;
CREATE INDEX publications_lease ON publications (lease_owner) WHERE lease_owner IS NOT NULL;
