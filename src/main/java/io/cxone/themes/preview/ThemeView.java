package io.cxone.themes.preview;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;

import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.FocusIndicator;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Hover;
import io.cxone.themes.theme.Launcher;
import io.cxone.themes.theme.Theme;

/**
 * A theme reduced to what the preview draws, each value re-checked by {@link SafeValues}. The focus ring, hover colours
 * and launcher size are the ones the widget draws, defaults included ({@code Theme.focusIndicatorOrDefault()},
 * {@code Button.hoverOrRest()}, {@code Theme.launcherOrDefault()}), so the page shows what the validator checked.
 */
public record ThemeView(String scope, String name, String background, String primary, String onPrimary,
        String fontColor, List<FamilyName> families, int fontSizePx, int fontWeight, String headerBackground,
        String headerText, boolean ownHeader, int radiusPx, int maxWidthPx, List<ButtonView> buttons,
        List<String> blockedIcons, String focusColor, int focusWidthPx, int launcherSizePx) {

    static final String DEFAULT_BACKGROUND = "#FFFFFF";
    static final String DEFAULT_PRIMARY = "#0A58CA";
    static final String DEFAULT_TEXT = "#1A1A1A";

    /** {@code scope} is the CSS class that holds this theme's custom properties, so that two themes can share one page. */
    static ThemeView of(String scope, Theme theme, Validator validator, IconHosts iconHosts) {
        String background = SafeValues.color(theme.backgroundColor(), DEFAULT_BACKGROUND);
        String primary = SafeValues.color(theme.primaryColor(), DEFAULT_PRIMARY);
        String onPrimary = SafeValues.onColor(primary);
        Font font = theme.font() == null ? new Font(null, null, null, null) : theme.font();
        // without a header of its own the window's header is drawn in the primary colour, as CXone does
        boolean ownHeader = theme.header() != null;
        String headerBackground = ownHeader ? SafeValues.color(theme.header().backgroundColor(), primary) : primary;
        String headerText = ownHeader ? SafeValues.color(theme.header().textColor(), SafeValues.onColor(headerBackground))
                : onPrimary;
        List<ButtonView> buttons = buttons(theme.buttons(), primary, validator, iconHosts);
        List<String> blocked = buttons.stream().filter(ButtonView::iconBlocked)
                .map(b -> "buttons[" + b.index() + "].iconUrl: " + IconHosts.host(safeIcon(theme, b.index(), validator))
                        + " is not in app.preview.icon-hosts")
                .toList();
        return new ThemeView(scope, theme.name() == null || theme.name().isBlank() ? "Untitled theme" : theme.name(),
                background, primary, onPrimary, SafeValues.color(font.color(), DEFAULT_TEXT),
                SafeValues.families(font.family(), validator), SafeValues.range(font.sizePx(), 12, 24, 1, 14),
                SafeValues.range(font.weight(), 100, 900, 100, 400), headerBackground, headerText, ownHeader,
                SafeValues.range(theme.borderRadiusPx(), 0, 16, 1, 8), SafeValues.range(theme.maxWidthPx(), 280, 420, 1, 360),
                buttons, blocked, SafeValues.color(theme.focusIndicatorOrDefault().color(), primary),
                SafeValues.range(theme.focusIndicatorOrDefault().widthPx(), FocusIndicator.MIN_WIDTH_PX,
                        FocusIndicator.MAX_WIDTH_PX, 1, FocusIndicator.DEFAULT_WIDTH_PX),
                SafeValues.range(theme.launcherOrDefault().sizePx(), Launcher.MIN_SIZE_PX, Launcher.MAX_SIZE_PX, 1,
                        Launcher.DEFAULT_SIZE_PX));
    }

    private static String safeIcon(Theme theme, int index, Validator validator) {
        return SafeValues.iconUrl(theme.buttons().get(index).iconUrl(), validator);
    }

    private static List<ButtonView> buttons(List<Button> buttons, String primary, Validator validator, IconHosts iconHosts) {
        List<ButtonView> views = new ArrayList<>();
        if (buttons == null) {
            return views;
        }
        // at most three are drawn, as the widget would; more are a validation error the report lists
        for (int i = 0; i < Math.min(buttons.size(), 3); i++) {
            Button button = buttons.get(i);
            if (button == null) {
                continue;
            }
            String color = SafeValues.color(button.color(), primary);
            String icon = SafeValues.iconUrl(button.iconUrl(), validator);
            boolean blocked = icon != null && !iconHosts.allows(icon);
            String textColor = SafeValues.color(button.textColor(), SafeValues.onColor(color));
            Hover hover = button.hover();
            // an invalid hover colour is drawn as the rest colour: the button then simply does not change
            String hoverColor = hover == null ? color : SafeValues.color(hover.color(), color);
            String hoverText = hover == null ? textColor : SafeValues.color(hover.textColor(), textColor);
            views.add(new ButtonView(i, button.label() == null ? "" : button.label(), color, textColor,
                    button.position() == null ? "center" : button.position().json(), blocked ? null : icon, blocked,
                    hoverColor, hoverText));
        }
        return List.copyOf(views);
    }
}
