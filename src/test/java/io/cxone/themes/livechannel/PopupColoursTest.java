package io.cxone.themes.livechannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.livechannel.ChannelMapping.Note;
import io.cxone.themes.livechannel.ChannelMapping.PopupText;

/** The proactive popups' text colours of CXone's channel answer (SDK type BrandInfoPopup), read and checked. */
class PopupColoursTest {
    private static final ChannelRequest REQUEST = new ChannelRequest("4711", "chat_abc", "c1", "niceincontact.com");

    static ObjectNode answer() {
        ObjectNode root = ChannelMappingTest.preset(); // white widget background
        return root;
    }

    static ObjectNode popup(ArrayNode popups, String headline, String secondLine, String image) {
        ObjectNode popup = popups.addObject().put("name", "p").put("headlineText", "Need help?")
                .put("secondLineText", "Chat now").put("backgroundImage", image);
        if (headline == null) {
            popup.putNull("headlineColor");
        } else {
            popup.put("headlineColor", headline);
        }
        popup.put("secondLineColor", secondLine);
        return popup;
    }

    static List<Note> notes(ChannelMapping.Result result, String code) {
        return result.notes().stream().filter(n -> n.code().equals(code) && n.path().startsWith("popups")).toList();
    }

    @Test
    void aPopupTextUnderItsRequirementIsNotedWithTheColourToSet() {
        ObjectNode root = answer();
        ArrayNode popups = root.putArray("popups");
        popup(popups, "#AAAAAA", "#1a1a1a", "");
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, root);
        assertEquals("#FFFFFF", result.theme().path("backgroundColor").textValue());
        assertEquals(List.of(new PopupText("popups[0].headlineColor", "#AAAAAA"),
                new PopupText("popups[0].secondLineColor", "#1A1A1A")), result.popupTexts());
        List<Note> contrast = notes(result, Note.CONTRAST);
        assertEquals(1, contrast.size(), result.notes().toString());
        assertEquals("popups[0].headlineColor", contrast.get(0).path());
        assertTrue(contrast.get(0).message().startsWith("#AAAAAA is 2.32:1 on the popup background #FFFFFF; SC 1.4.3 "
                + "needs 4.5:1: set it to #"), contrast.get(0).message());
        assertTrue(result.notes().stream().noneMatch(n -> n.message().contains("popups") && n.code().equals(Note.NOT_IMPORTED)),
                "popups are read, not listed as unknown: " + result.notes());
    }

    @Test
    void imagesDefaultsAndMalformedValuesAreNotedNotChecked() {
        ObjectNode root = answer();
        ArrayNode popups = root.putArray("popups");
        popup(popups, "#FFFFFF", "#FFFFFF", "https://cdn.example.com/bg.png");
        popup(popups, null, "red", "");
        popups.add("not a popup");
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, root);
        assertEquals(List.of(), result.popupTexts());
        assertEquals(List.of("popups[0]"), notes(result, Note.NOT_IMPORTED).stream().map(Note::path).toList());
        assertEquals(List.of("popups[1].secondLineColor", "popups[2]"),
                notes(result, Note.MALFORMED).stream().map(Note::path).toList());
        assertEquals(List.of(), notes(result, Note.CONTRAST));

        ObjectNode many = answer();
        ArrayNode list = many.putArray("popups");
        for (int i = 0; i < ChannelMapping.MAX_POPUPS + 5; i++) {
            popup(list, "#000000", "#000000", "");
        }
        ChannelMapping.Result bounded = ChannelMapping.map(REQUEST, many);
        assertEquals(2 * ChannelMapping.MAX_POPUPS, bounded.popupTexts().size());
        assertTrue(bounded.notes().stream().anyMatch(n -> n.path().equals("popups") && n.message().startsWith("15 popups")));

        ObjectNode notAList = answer();
        notAList.put("popups", "none");
        assertEquals(List.of("popups"), notes(ChannelMapping.map(REQUEST, notAList), Note.MALFORMED).stream()
                .map(Note::path).toList());
    }

    @Test
    void noPopupsNoNotes() {
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, answer());
        assertEquals(List.of(), result.popupTexts());
        assertTrue(result.notes().stream().noneMatch(n -> n.path().startsWith("popups")), result.notes().toString());
    }
}
