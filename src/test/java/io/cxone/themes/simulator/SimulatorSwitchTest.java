package io.cxone.themes.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The table "When it is on" of docs/simulator.md, row by row: the one rule the routes, importer and health check use. */
class SimulatorSwitchTest {
    private static final Optional<String> CXONE = Optional.of("https://api.example.niceincontact.com");

    @Test
    void onWithoutABaseUrlUnlessTurnedOff() {
        assertTrue(SimulatorSwitch.isOn(Optional.empty(), Optional.empty()));
        assertTrue(SimulatorSwitch.isOn(Optional.empty(), Optional.of("  ")), "a blank base URL is none");
        assertFalse(SimulatorSwitch.isOn(Optional.of(false), Optional.empty()));
    }

    @Test
    void offWithABaseUrlUnlessForcedOn() {
        assertFalse(SimulatorSwitch.isOn(Optional.empty(), CXONE));
        assertTrue(SimulatorSwitch.isOn(Optional.of(true), CXONE));
        assertFalse(SimulatorSwitch.isOn(Optional.of(false), CXONE));
    }
}
