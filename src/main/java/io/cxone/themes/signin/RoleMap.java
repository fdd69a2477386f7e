package io.cxone.themes.signin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.cxone.themes.security.Roles;

/**
 * {@code APP_ROLE_MAP}: which of this service's roles each identity-provider group (or role) grants, as
 * {@code group=role,role;group=role}. A group the map does not name grants nothing, so an IdP group that happens to be
 * called {@code theme-publisher} is not a way in. A malformed entry is refused with the entry named, so the start
 * fails with the fix in sight rather than signing people in with fewer or more rights than meant.
 */
public final class RoleMap {
    /**
     * The roles a group can be granted: every role of security.Roles (RoleMapTest fails when Roles gains one that is
     * not here). A closed list, so that a typo ({@code theme-publsher}) fails the start instead of granting nothing.
     */
    static final Set<String> KNOWN = Set.of(Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR, Roles.APPROVER,
            Roles.SIMULATOR_ADMIN);
    /** What the error messages list, in the order people read them (not Set.of's). */
    private static final String KNOWN_LIST = String.join(", ", Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER,
            Roles.APPROVER, Roles.AUDITOR, Roles.SIMULATOR_ADMIN);

    private final Map<String, Set<String>> grants;

    private RoleMap(Map<String, Set<String>> grants) {
        this.grants = grants;
    }

    /** @throws IllegalArgumentException naming the malformed entry and what a good one looks like */
    public static RoleMap parse(String text) {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return new RoleMap(Map.of());
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue; // a trailing ';' is harmless
            }
            int eq = entry.indexOf('=');
            String group = eq < 0 ? "" : entry.substring(0, eq).strip();
            if (eq < 0 || group.isEmpty() || entry.indexOf('=', eq + 1) >= 0) {
                throw malformed(entry, "each entry is group=role[,role...], the IdP's group (or role) name, '=', and "
                        + "this service's roles it grants; entries are separated by ';'");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : entry.substring(eq + 1).split(",", -1)) {
                String name = role.strip();
                if (name.isEmpty()) {
                    throw malformed(entry, "an empty role name; list roles as role,role without a trailing ','");
                }
                if (!KNOWN.contains(name)) {
                    throw malformed(entry, "'" + name + "' is not one of this service's roles (" + KNOWN_LIST + ")");
                }
                roles.add(name);
            }
            if (grants.putIfAbsent(group, Set.copyOf(roles)) != null) {
                throw malformed(entry, "group '" + group + "' is named twice; list all its roles in one entry");
            }
        }
        return new RoleMap(Map.copyOf(grants));
    }

    private static IllegalArgumentException malformed(String entry, String why) {
        return new IllegalArgumentException("APP_ROLE_MAP entry '" + entry.strip() + "' is malformed: " + why
                + ". Write it like APP_ROLE_MAP=cx-admins=theme-publisher,auditor;cx-viewers=theme-viewer");
    }

    /** The service's roles the identity provider's {@code groups} grant; unknown groups grant nothing. */
    public Set<String> rolesOf(Collection<String> groups) {
        Set<String> roles = new LinkedHashSet<>();
        for (String group : groups) {
            roles.addAll(grants.getOrDefault(group, Set.of()));
        }
        return Set.copyOf(roles);
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }
}
