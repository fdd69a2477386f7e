package io.cxone.themes.channels;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.channels.ChannelCheckSteps.Fetch;
import io.cxone.themes.channels.ChannelCheckSteps.Look;
import io.cxone.themes.livechannel.ChannelClient;
import io.cxone.themes.livechannel.ChannelMapping;
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
        ValidationReport report = validator.validate(mapped.theme(), Level.AA);
        JsonNode worst = Verdict.worst(report.contrast()).map(c -> (JsonNode) mapper.valueToTree(c)).orElse(null);
        return new Look(appearance, Json.contentHash(appearance), mapped, mapper.valueToTree(report), worst);
    }
}
