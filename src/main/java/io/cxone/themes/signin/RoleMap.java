package io.cxone.themes.signin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cxone.themes.security.Roles;

/**
 * {@code APP_ROLE_MAP}: which of this service's roles each identity-provider group (or role) grants, as
 * {@code group=role,role;group=role}. A group the map does not name grants nothing, so an IdP group that happens to be
 * called {@code theme-publisher} is not a way in. A malformed entry is refused with the entry named, so the start
 * fails with the fix in sight rather than signing people in with fewer or more rights than meant.
 */
public final class RoleMap {
    /**
     * What a role name looks like (security.Roles: theme-viewer, auditor, ...). A syntax, not a closed list, so that
     * a role added later (SPEC section 9's approver) needs no change here; a typo still fails the start below.
     */
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

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
                throw malformed(entry, "expected group=role[,role...]");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : entry.substring(eq + 1).split(",", -1)) {
                String name = role.strip();
                if (!ROLE.matcher(name).matches()) {
                    throw malformed(entry, "'" + name + "' is not a role name (lower case letters, digits and '-', "
                            + "e.g. " + Roles.VIEWER + ")");
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
                + ". Example: APP_ROLE_MAP=cx-admins=theme-publisher,auditor;cx-viewers=theme-viewer");
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
