package io.cxone.themes.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.livechannel.ChannelRequest;
import io.cxone.themes.theme.PlainValidators;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;

/** The monitor judges the proactive popups' text as pairs of the live look: an unreadable popup makes it failing. */
class LivePopupChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThemeValidator VALIDATOR = PlainValidators.themeValidator();
    private static final ChannelRequest REQUEST = new ChannelRequest("4711", "chat_abc", "c1", "niceincontact.com");

    static ObjectNode look(String headline) throws Exception {
        return (ObjectNode) JSON.readTree("{\"colors\": {\"buttonColor\": \"#1F3A93\", \"headerBgColor\": \"#1F3A93\", "
                + "\"headerFontColor\": \"#FFFFFF\", \"themeColor\": \"#1F3A93\", \"textColor\": \"#1A1A1A\", "
                + "\"widgetBgColor\": \"#FFFFFF\", \"widgetFontColor\": \"#1A1A1A\"}, \"popups\": [{\"name\": \"p\", "
                + "\"headlineText\": \"Need help?\", \"headlineColor\": \"" + headline + "\", \"secondLineColor\": null, "
                + "\"backgroundImage\": \"\"}]}");
    }

    @Test
    void anUnreadablePopupFailsTheLiveLook() throws Exception {
        ChannelMapping.Result mapped = ChannelMapping.map(REQUEST, look("#B0B0B0"));
        ValidationReport themeOnly = VALIDATOR.validate(mapped.theme(), Level.AA);
        assertTrue(themeOnly.valid(), "the theme part passes: " + themeOnly);
        ValidationReport live = LiveLooks.withPopups(themeOnly, mapped);
        assertFalse(live.valid());
        ContrastCheck worst = Verdict.worst(live.contrast()).orElseThrow();
        assertEquals("popups[0].headlineColor/backgroundColor", worst.pair());
        assertEquals("1.4.3", worst.criterion());
        assertEquals(4.5, worst.required());
        assertNotNull(worst.suggestion());
        assertEquals("popups[0].headlineColor", worst.suggestion().path());
        assertNotNull(worst.vision());
    }

    @Test
    void aReadablePopupIsAPassingPairAndNoPopupChangesNothing() throws Exception {
        ChannelMapping.Result mapped = ChannelMapping.map(REQUEST, look("#1A1A1A"));
        ValidationReport live = LiveLooks.withPopups(VALIDATOR.validate(mapped.theme(), Level.AA), mapped);
        assertTrue(live.valid());
        assertTrue(live.contrast().stream().anyMatch(c -> c.pair().equals("popups[0].headlineColor/backgroundColor") && c.passes()));

        ObjectNode without = look("#1A1A1A");
        without.remove("popups");
        ChannelMapping.Result plain = ChannelMapping.map(REQUEST, without);
        ValidationReport report = VALIDATOR.validate(plain.theme(), Level.AA);
        assertSame(report, LiveLooks.withPopups(report, plain));
    }
}
