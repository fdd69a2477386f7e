package io.cxone.themes.publish;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.WireDtos.CreatedTheme;
import io.cxone.themes.cxone.WireDtos.CxoneButton;
import io.cxone.themes.cxone.WireDtos.CxoneFont;
import io.cxone.themes.cxone.WireDtos.CxoneHeader;
import io.cxone.themes.cxone.WireDtos.CxoneTheme;
import io.cxone.themes.cxone.WireDtos.ThemeStatus;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A publication's two CXone calls: sending its stored theme version (read by {@link ThemeVersions}) in CXone's wire
 * form, and asking how its theme is doing. The client retries CXone's transient trouble within each call; what still
 * fails fails the step, and the engine retries the step.
 */
@ApplicationScoped
class CxoneThemes {
    private final CxoneClient cxone;
    private final ThemeVersions versions;
    private final Pool pool;

    CxoneThemes(CxoneClient cxone, ThemeVersions versions, Pool pool) {
        this.cxone = cxone;
        this.versions = versions;
        this.pool = pool;
    }

    /** Creates the job's theme in CXone under its id and current version tag. */
    Uni<CreatedTheme> submit(PublicationJob job) {
        Publication.Request r = job.request();
        return versions.find(pool, r.themeId(), r.themeVersion())
                .map(found -> toCxone(found.orElseThrow().version().orElseThrow().content(), r.cxoneThemeId(),
                        job.progress().versionTag()))
                .chain(body -> cxone.createTheme(r.widgetId(), body));
    }

    Uni<ThemeStatus> status(PublicationJob job) {
        return cxone.themeStatus(job.request().cxoneThemeId().toString());
    }

    /**
     * The theme in CXone's snake_case form, with our client-generated id and the version tag. {@code focusIndicator},
     * {@code launcher} and the buttons' {@code hover} stay ours: CXone's theme contract (SPEC section 2) and its live
     * channel answer have no such fields, so they are checked and previewed here and never sent (docs/accessibility.md).
     */
    static CxoneTheme toCxone(JsonNode content, UUID id, String versionTag) {
        Theme t = ThemeJsonReader.read(content).theme();
        List<CxoneButton> buttons = t.buttons().stream().map(b -> new CxoneButton(b.label(), b.color(), b.textColor(),
                b.position().json(), b.iconUrl())).toList();
        CxoneHeader header = t.header() == null ? null
                : new CxoneHeader(t.header().backgroundColor(), t.header().textColor());
        return new CxoneTheme(id.toString(), versionTag, t.name(), t.backgroundColor(), t.primaryColor(),
                new CxoneFont(t.font().family(), t.font().sizePx(), t.font().weight(), t.font().color()), buttons,
                t.borderRadiusPx(), t.maxWidthPx(), header);
    }
}
