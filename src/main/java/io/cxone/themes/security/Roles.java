package io.cxone.themes.security;

/** The roles of SPEC sections 3 and 9, carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String VIEWER = "theme-viewer";
    public static final String EDITOR = "theme-editor";
    public static final String PUBLISHER = "theme-publisher";
    public static final String AUDITOR = "auditor";
    /** Approves or rejects other people's publications to widgets whose policy asks for approvals (four eyes). */
    public static final String APPROVER = "theme-approver";
    /** Only for a packaged jar that serves the simulator (CXONE_SIMULATOR=true): its admin API needs this role. */
    public static final String SIMULATOR_ADMIN = "simulator-admin";

    private Roles() {
    }
}
