package io.cxone.themes.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** The conversions every repository needs between reactive-client rows and our types (timestamptz is UTC). */
public final class Rows {
    private Rows() {
    }

    /** Every row mapped, in the order the query returned them. */
    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapping) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(mapping.apply(r)));
        return out;
    }

    /** A timestamptz column as an instant; null stays null. */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** An instant as a timestamptz parameter; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
