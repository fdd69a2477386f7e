package io.cxone.themes.sync;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of a job's per-widget outcomes. */
public record SyncItemPage(List<Item> items, int page, int size, long total) {

    /** One widget's outcome; {@code reason} says why it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String widgetId, String status, String reason, Instant finishedAt) {
    }
}
