package io.cxone.themes.publish;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.WireDtos.CxoneButton;
import io.cxone.themes.cxone.WireDtos.CxoneFont;
import io.cxone.themes.cxone.WireDtos.CxoneHeader;
import io.cxone.themes.cxone.WireDtos.CxoneTheme;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeJsonReader;

/** A stored theme version (read by {@link io.cxone.themes.theme.draft.ThemeVersions}) in CXone's wire form. */
final class CxoneThemes {
    private CxoneThemes() {
    }

    /** The theme in CXone's snake_case form, with our client-generated id and the version tag. */
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
