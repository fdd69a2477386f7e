package io.cxone.themes.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.livechannel.ChannelRequest;

/** The simulator's channel answer has a proactive popup, as CXone's does, whose text passes on every preset. */
class SimulatorPopupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDefaultAnswerHasAReadablePopup() {
        for (int i = 0; i < 30; i++) {
            ChannelRequest request = new ChannelRequest("brand" + i, "chat_" + i, "c1", "niceincontact.com");
            JsonNode answer = JSON.valueToTree(ChannelHandler.defaultAppearance(request.brandId(), request.channelId()));
            assertEquals(1, answer.path("popups").size(), answer.toString());
            assertTrue(answer.path("popups").get(0).has("headlineColor") && answer.path("popups").get(0).has("secondLineColor"));
            ChannelMapping.Result mapped = ChannelMapping.map(request, answer);
            assertEquals(2, mapped.popupTexts().size(), mapped.notes().toString());
            assertTrue(mapped.notes().stream().noneMatch(n -> n.path().startsWith("popups")), mapped.notes().toString());
        }
    }
}
