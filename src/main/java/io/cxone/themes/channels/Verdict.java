package io.cxone.themes.channels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.theme.ThemeDiff;
import io.cxone.themes.livechannel.ChannelMapping;

/**
 * What one check makes of a watch: its next state, failure count, worst check, drift fields and the audit actions of
 * the change. Pure (no I/O, no clock), so every transition is tested without a channel host.
 *
 * <p>Accessibility events compare with the last <em>known</em> accessibility (the stored worst check, kept through
 * failed fetches): a failing look that becomes unreachable and comes back still failing is not a second regression.
 *
 * @param snapshot whether the live look changed since the last snapshot (or there is none yet): store one
 */
record Verdict(String state, int consecutiveFailures, JsonNode worstCheck, List<String> driftFields, boolean snapshot,
        List<String> actions) {

    static final String CHANGED = "channel.changed";
    static final String REGRESSED = "channel.accessibility.regressed";
    static final String RECOVERED = "channel.accessibility.recovered";
    static final String DRIFTED = "channel.drifted";
    static final String UNREACHABLE = "channel.unreachable";

    /**
     * A successful fetch. {@code lastHash} is the content hash of the watch's last snapshot (null: none yet; the first
     * snapshot is the baseline, not a change); {@code worst} the worst failing error-severity check of the live look.
     */
    static Verdict fetched(Watch old, String lastHash, String hash, JsonNode worst, List<String> drift) {
        boolean changed = !hash.equals(lastHash);
        boolean failing = worst != null;
        String state = failing ? Watch.FAILING : drift.isEmpty() ? Watch.PASSING : Watch.DRIFTED;
        List<String> actions = new ArrayList<>();
        if (changed && lastHash != null) {
            actions.add(CHANGED);
        }
        if (failing && old.worstCheck() == null) {
            actions.add(REGRESSED);
        } else if (!failing && old.worstCheck() != null) {
            actions.add(RECOVERED);
        }
        if (Watch.DRIFTED.equals(state) && !Watch.DRIFTED.equals(old.state())) {
            actions.add(DRIFTED);
        }
        return new Verdict(state, 0, worst, List.copyOf(drift), changed, List.copyOf(actions));
    }

    /** A failed fetch: counted; after {@code unreachableAfter} in a row the watch is unreachable (one event). */
    static Verdict failed(Watch old, int unreachableAfter) {
        int failures = old.consecutiveFailures() + 1;
        boolean unreachable = failures >= Math.max(1, unreachableAfter);
        String state = unreachable ? Watch.UNREACHABLE : old.state();
        List<String> actions = unreachable && !Watch.UNREACHABLE.equals(old.state()) ? List.of(UNREACHABLE) : List.of();
        return new Verdict(state, failures, old.worstCheck(), old.driftFields(), false, actions);
    }

    boolean stateChanged(Watch old) {
        return !Objects.equals(state, old.state());
    }

    /** The failing error-severity check with the lowest ratio relative to what it needs; empty when none fails. */
    static Optional<ContrastCheck> worst(List<ContrastCheck> checks) {
        return checks.stream().filter(c -> !c.passes() && c.severity() == ContrastCheck.Severity.error)
                .min(Comparator.comparingDouble((ContrastCheck c) -> c.ratio() / c.required())
                        .thenComparing(ContrastCheck::pair));
    }

    /**
     * The fields (ThemeDiff paths, as {@code GET /themes/{id}/diff} lists them) in which the live look differs from
     * the linked draft's current version. Left out: {@code name} (not part of the look) and every field the mapping
     * set to our default because CXone does not expose it (font, corner radius, width, launcher label): the live
     * channel cannot differ there, and counting them would make every hand-made draft "drifted".
     */
    static List<String> drift(JsonNode draft, ChannelMapping.Result live) {
        Set<String> notExposed = live.notes().stream().filter(n -> ChannelMapping.Note.DEFAULT.equals(n.code()))
                .map(ChannelMapping.Note::path).collect(Collectors.toSet());
        return ThemeDiff.diff(draft, live.theme()).stream().map(ThemeDiff.Change::path)
                .filter(p -> !p.equals("name") && !notExposed.contains(p)).toList();
    }
}
