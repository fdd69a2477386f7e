package io.cxone.themes.governance;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The policy a widget has until a publisher stores one (docs/governance.md). */
@ConfigMapping(prefix = "app.policy")
public interface GovernanceConfig {

    /** Approvals a publication to a widget without a stored policy needs (0, 1 or 2); 0 keeps publishing as it was. */
    @WithDefault("0")
    int defaultApprovals();

    /** How long a publication waits for its approvals, for widgets without a policy and a PUT that leaves it out. */
    @WithDefault("72h")
    Duration defaultApprovalTtl();
}
