package io.cxone.themes.jobs;

import java.util.List;

/**
 * A table of durable jobs. Every such table has {@code id uuid} and the columns the engine owns and no kind writes
 * (migration V16): {@code lease_owner text}, {@code lease_until timestamptz}, {@code run_at timestamptz} (not claimed
 * before it), {@code failed_attempts int} and {@code last_failure text}; it may have {@code request_id text} and
 * {@code trace_parent text} (the request that queued the job: its log lines and span follow it). The rest is the
 * kind's own. The strings are SQL fragments written in the kind's code, never input.
 *
 * @param name the table
 * @param noun what one row is called in logs, metrics' {@code kind} tag and span names ("publication", "sync")
 * @param runnable the kind's condition of a row that should run (e.g. {@code state IN ('QUEUED', 'RUNNING')}); the
 *            engine adds {@code run_at <= now()} and that nobody holds it
 * @param order which runnable rows are claimed first
 * @param onClaim extra assignments made when a row is claimed (e.g. {@code state = 'RUNNING'}), or empty
 * @param gauge the rows by state as a gauge ({@link #withStateGauge}), or null
 */
public record JobTable(String name, String noun, String runnable, String order, String onClaim, StateGauge gauge) {

    public JobTable(String name, String noun, String runnable, String order, String onClaim) {
        this(name, noun, runnable, order, onClaim, null);
    }

    /**
     * The same table, with a gauge {@code metric{state}} of its rows by their {@code state} column for each of
     * {@code states} (a fixed list: bounded tags), counted in the database by the engine on every instance.
     */
    public JobTable withStateGauge(String metric, List<String> states) {
        return new JobTable(name, noun, runnable, order, onClaim, new StateGauge(metric, List.copyOf(states)));
    }

    /** See {@link #withStateGauge}. */
    public record StateGauge(String metric, List<String> states) {
    }
}
