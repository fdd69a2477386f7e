package io.cxone.themes.theme.draft;

import java.util.List;

/** One page of drafts, newest change first. */
public record DraftPage(List<DraftView> items, int page, int pageSize, long totalItems) {
}
