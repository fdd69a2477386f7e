package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CxoneGrantConfigSourceFactoryTest {

    @Test
    void mapsOAuthGrantNamesOntoTheOidcClientNames() {
        assertEquals("client", CxoneGrantConfigSourceFactory.oidcGrantType("client_credentials"));
        assertEquals("password", CxoneGrantConfigSourceFactory.oidcGrantType(" PASSWORD "));
    }

    @Test
    void refusesOtherGrantsNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CxoneGrantConfigSourceFactory.oidcGrantType("implicit"));
        assertTrue(e.getMessage().contains("CXONE_GRANT"), e.getMessage());
    }
}
