-- The job engine (jobs.Leases) owns these columns on every job table; no kind's SQL writes them:
--   run_at           the job is not claimed before this (database clock): a hold for a delay, a retry's backoff, or
--                    'infinity' for a row the engine parked because even its kind could not end it
--   failed_attempts  consecutive units that failed (reset when a unit completes, holds or hands back); at
--                    APP_JOBS_MAX_ATTEMPTS the job ends in its kind's failure state
--   last_failure     why the last unit failed (class and message, truncated), shown in logs and the failure reason
-- Publications scheduled their next step in next_run_at on the application's clock; that schedule is now run_at,
-- always set relative to the database's now().
ALTER TABLE publications RENAME COLUMN next_run_at TO run_at;
ALTER TABLE publications ADD COLUMN failed_attempts int NOT NULL DEFAULT 0, ADD COLUMN last_failure text;
ALTER INDEX publications_due RENAME TO publications_run_at;

ALTER TABLE sync_jobs ADD COLUMN run_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN failed_attempts int NOT NULL DEFAULT 0, ADD COLUMN last_failure text;

ALTER TABLE channel_watches ADD COLUMN run_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN failed_attempts int NOT NULL DEFAULT 0, ADD COLUMN last_failure text;

-- where a kind ends a job the engine gave up on: a sync job's reason, a watch parked by the engine
ALTER TABLE sync_jobs ADD COLUMN failure_reason text;
ALTER TABLE channel_watches ADD COLUMN parked_reason text;
