package io.cxone.themes.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;

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
                {"a=theme-viewer;a=auditor", "'a=auditor'"},
                {"cx-admins=theme-publsher", "'cx-admins=theme-publsher'"},
                {"cx-admins=theme-viewer;broken", "'broken'"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleMap.parse(bad[0]), bad[0]);
            assertTrue(e.getMessage().contains("APP_ROLE_MAP entry " + bad[1]), e.getMessage());
            assertTrue(e.getMessage().contains("Write it like APP_ROLE_MAP="), e.getMessage());
        }
    }

    /** A role added to security.Roles must be grantable through the map too (RoleMap.KNOWN is a closed list). */
    @Test
    void everyRoleOfTheServiceCanBeGranted() throws IllegalAccessException {
        Set<String> roles = new HashSet<>();
        for (Field f : Roles.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                roles.add((String) f.get(null));
            }
        }
        assertEquals(roles, RoleMap.KNOWN);
        RoleMap map = RoleMap.parse("all=" + String.join(",", roles));
        assertEquals(roles, map.rolesOf(List.of("all")));
    }
}
