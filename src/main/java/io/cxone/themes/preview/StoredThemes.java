package io.cxone.themes.preview;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.theme.draft.DraftService;
import io.cxone.themes.web.Params;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Loads a stored draft (current) or one of its versions and re-validates it at the requested level for a preview. */
@ApplicationScoped
public class StoredThemes {
    private final DraftService drafts;
    private final ThemeValidator validator;

    public StoredThemes(DraftService drafts, ThemeValidator validator) {
        this.drafts = drafts;
        this.validator = validator;
    }

    /** A theme reference: the draft's current version when {@code version} is null. */
    public record Ref(UUID id, Integer version) {
    }

    /** What one side of a preview shows: a label ("name · v3"), the theme and its report. */
    public record Loaded(String label, Theme theme, ValidationReport report) {
    }

    public Uni<Loaded> load(Ref ref, Level level) {
        if (ref.version() == null) {
            // the live draft: a deleted one is 404 (its versions stay viewable with an explicit version)
            return drafts.get(ref.id()).map(draft -> loaded(draft.theme(), draft.version(), level));
        }
        // validated (and then rendered by the caller) off the event loop that completes the query
        return drafts.version(ref.id(), ref.version()).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(v -> loaded(v.theme(), v.version(), level));
    }

    private Loaded loaded(JsonNode content, int version, Level level) {
        Theme theme = ThemeJsonReader.read(content).theme();
        return new Loaded(theme.name() + " · v" + version, theme, validator.validate(content, level));
    }

    static UUID id(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(parameter, ErrorCode.REQUIRED, "is required: a theme id, optionally @version");
        }
        return Params.uuid(parameter, value.strip(), "a theme id (a UUID)");
    }

    /** {@code {themeId}} or {@code {themeId}@{version}}, as {@code GET /preview/compare} takes each side. */
    static Ref parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(parameter, ErrorCode.REQUIRED, "is required: {themeId} or {themeId}@{version}");
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return new Ref(id(parameter, value), null);
        }
        UUID id = id(parameter, value.substring(0, at));
        return new Ref(id, Params.number(parameter, value.substring(at + 1), 1, Integer.MAX_VALUE, null));
    }
}
