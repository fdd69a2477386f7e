package io.cxone.themes.channels;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.channels.ChannelCheckSteps.Fetch;
import io.cxone.themes.channels.ChannelCheckSteps.Look;
import io.cxone.themes.livechannel.ChannelClient;
import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.theme.ContrastRules;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A watched channel's live look, fetched as the import fetches it and made into what the monitor judges: the look
 * mapped to a theme, its contrast report, its worst failing check and its content hash. A failed fetch is an answer
 * ({@link ChannelCheckSteps.Failed}); a failure of the analysis is ours, not the host's, and fails the check.
 */
@ApplicationScoped
class LiveLooks {
    private final ChannelClient channels;
    private final ThemeValidator validator;
    /** Quarkus's ObjectMapper, looked up when a check needs it: the engine makes the kind at start, readiness needs
     * no JSON mapper, and making the first one loads ~350 classes of Jackson. */
    private final Instance<ObjectMapper> mappers;

    LiveLooks(ChannelClient channels, ThemeValidator validator, Instance<ObjectMapper> mappers) {
        this.channels = channels;
        this.validator = validator;
        this.mappers = mappers;
    }

    /** Where the watch's look is fetched from; fails when its domain is no longer allowed (configuration changed). */
    URI url(Watch watch) {
        return channels.url(watch.channel());
    }

    Uni<Fetch> fetch(Watch watch) {
        return channels.fetch(watch.channel())
                .emitOn(Infrastructure.getDefaultWorkerPool()) // the analysis is CPU work: off the event loop
                .onItemOrFailure().transform((appearance, failure) -> failure == null ? analyse(watch, appearance)
                        : ChannelCheckSteps.failed(failure));
    }

    private Look analyse(Watch watch, ObjectNode appearance) {
        ObjectMapper mapper = mappers.get();
        ChannelMapping.Result mapped = ChannelMapping.map(watch.channel(), appearance);
        ValidationReport report = withPopups(validator.validate(mapped.theme(), Level.AA), mapped);
        JsonNode worst = Verdict.worst(report.contrast()).map(c -> (JsonNode) mapper.valueToTree(c)).orElse(null);
        return new Look(appearance, Json.contentHash(appearance), mapped, mapper.valueToTree(report), worst);
    }

    /**
     * The live look's report with the proactive popups' text pairs after the theme's: a popup label nobody can read is
     * a failing check of the live look like any other (it makes the watch {@code failing}).
     */
    static ValidationReport withPopups(ValidationReport report, ChannelMapping.Result mapped) {
        if (mapped.popupTexts().isEmpty()) {
            return report;
        }
        String background = mapped.theme().path("backgroundColor").textValue();
        List<ContrastCheck> contrast = new ArrayList<>(report.contrast());
        for (ChannelMapping.PopupText text : mapped.popupTexts()) {
            ContrastRules.normalText(text.path(), text.color(), "backgroundColor", background).ifPresent(contrast::add);
        }
        return ValidationReport.of(report.level(), report.errors(), contrast, report.warnings());
    }
}
