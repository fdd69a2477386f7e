-- The W3C traceparent of the request that queued a job (null when tracing was off): the job's steps are traced as
-- children of that request, so one trace shows a publication from the portal's call to its last CXone call.
ALTER TABLE publications ADD COLUMN trace_parent text;
ALTER TABLE sync_jobs ADD COLUMN trace_parent text;
