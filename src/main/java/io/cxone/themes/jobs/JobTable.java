package io.cxone.themes.jobs;

/**
 * A table of durable jobs. Every such table has {@code id uuid}, {@code lease_owner text}, {@code lease_until
 * timestamptz}, and may have {@code request_id text} and {@code trace_parent text} (the request that queued the job:
 * its log lines and span follow it); the rest is the kind's own. The strings are SQL fragments written in the
 * kind's code, never input.
 *
 * @param name the table
 * @param noun what one row is called in logs ("publication", "sync")
 * @param runnable the condition of a row that should run now, on the database's clock (e.g. {@code next_run_at <= now()})
 * @param order which runnable rows are claimed first
 * @param onClaim extra assignments made when a row is claimed (e.g. {@code state = 'RUNNING'}), or empty
 */
public record JobTable(String name, String noun, String runnable, String order, String onClaim) {
}
