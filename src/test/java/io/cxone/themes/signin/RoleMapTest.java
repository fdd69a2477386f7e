package io.cxone.themes.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleMapTest {

    @Test
    void mapsGroupsOntoRolesAndUnknownGroupsOntoNothing() {
        RoleMap map = RoleMap.parse("cx-admins=theme-publisher,theme-approver; cx-viewers=theme-viewer;");
        assertEquals(Set.of("theme-publisher", "theme-approver"), map.rolesOf(List.of("cx-admins")));
        assertEquals(Set.of("theme-publisher", "theme-approver", "theme-viewer"),
                map.rolesOf(List.of("cx-viewers", "cx-admins", "sales")));
        assertEquals(Set.of(), map.rolesOf(List.of("sales")));
        // an IdP group named like one of our roles is not a way in: only the map grants roles
        assertEquals(Set.of(), map.rolesOf(List.of("theme-publisher")));
        assertTrue(RoleMap.parse("").isEmpty());
    }

    @Test
    void malformedEntriesAreRefusedByName() {
        for (String[] bad : new String[][] {
                {"cx-admins=theme-publisher;cx-viewers", "'cx-viewers'"},
                {"=theme-viewer", "'=theme-viewer'"},
                {"cx-admins=theme-viewer=x", "'cx-admins=theme-viewer=x'"},
                {"cx-admins=Theme Publisher", "'cx-admins=Theme Publisher'"},
                {"cx-admins=theme-viewer,", "'cx-admins=theme-viewer,'"},
                {"a=theme-viewer;a=auditor", "'a=auditor'"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleMap.parse(bad[0]), bad[0]);
            assertTrue(e.getMessage().contains("APP_ROLE_MAP entry " + bad[1]), e.getMessage());
        }
    }
}
