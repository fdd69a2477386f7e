package io.cxone.themes.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.CxoneSettings;
import io.cxone.themes.cxone.WireDtos.AssignmentPage;
import io.cxone.themes.cxone.WireDtos.CxoneAssignment;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reads a widget's assignments from CXone: the first page says how many there are, the rest come concurrently. */
@ApplicationScoped
public class AssignmentService {
    /** CXone's largest page. */
    static final int PAGE_SIZE = 50;
    /** A guard against an upstream that claims absurd page counts (100,000 assignments). */
    static final int MAX_PAGES = 2_000;

    private final CxoneClient cxone;
    private final int concurrency;

    public AssignmentService(CxoneClient cxone, CxoneSettings settings) {
        this.cxone = cxone;
        this.concurrency = Math.max(1, settings.pageConcurrency());
    }

    public Uni<WidgetAssignments> list(String widgetId) {
        return cxone.assignmentsPage(widgetId, 1, PAGE_SIZE).flatMap(first -> {
            int pages = Math.min(first.totalPages(), MAX_PAGES);
            if (pages <= 1) {
                return Uni.createFrom().item(view(widgetId, List.of(Map.entry(1, first))));
            }
            return Multi.createFrom().range(2, pages + 1)
                    .onItem().transformToUni(page -> cxone.assignmentsPage(widgetId, page, PAGE_SIZE)
                            .map(answer -> Map.entry(page, answer)))
                    .merge(concurrency)
                    .collect().asList()
                    .map(rest -> {
                        List<Map.Entry<Integer, AssignmentPage>> all = new ArrayList<>(rest);
                        all.add(Map.entry(1, first));
                        return view(widgetId, all);
                    });
        });
    }

    /** Pages arrive in any order; the list keeps CXone's order. */
    private static WidgetAssignments view(String widgetId, List<Map.Entry<Integer, AssignmentPage>> pages) {
        List<AssignmentView> items = pages.stream()
                .sorted(Comparator.comparing(Map.Entry::getKey))
                .flatMap(entry -> entry.getValue().items() == null ? java.util.stream.Stream.<CxoneAssignment>empty()
                        : entry.getValue().items().stream())
                .map(AssignmentView::of)
                .toList();
        return new WidgetAssignments(widgetId, items.size(), items);
    }
}
