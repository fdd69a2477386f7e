package io.cxone.themes.security;

/** The four roles of SPEC section 3, carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String VIEWER = "theme-viewer";
    public static final String EDITOR = "theme-editor";
    public static final String PUBLISHER = "theme-publisher";
    public static final String AUDITOR = "auditor";
    /** Only for a packaged jar that serves the simulator (CXONE_SIMULATOR=true): its admin API needs this role. */
    public static final String SIMULATOR_ADMIN = "simulator-admin";

    private Roles() {
    }
}
