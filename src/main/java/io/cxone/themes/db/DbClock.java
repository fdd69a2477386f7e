package io.cxone.themes.db;

/**
 * Job leases are set and compared on the database's clock ({@code now()}), never on an instance's: two instances whose
 * clocks disagree would otherwise both believe a lease ran out, and run one job twice.
 */
public final class DbClock {
    private DbClock() {
    }

    /** SQL for "the database's now plus the milliseconds in parameter {@code param}" (e.g. {@code "$2"}). */
    public static String plusMillis(String param) {
        return "now() + " + param + "::bigint * interval '1 millisecond'";
    }
}
