package io.cxone.themes.governance;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Widget policies: the stored one, or the default for a widget that has none. */
@ApplicationScoped
public class Policies {
    private final Pool pool;
    private final PolicyRepository repository;
    private final AuditLog audit;
    private final GovernanceConfig config;
    private final ObjectMapper mapper;

    Policies(Pool pool, PolicyRepository repository, AuditLog audit, GovernanceConfig config, ObjectMapper mapper) {
        // a wrong default would hold or release every unconfigured widget's publications: refuse to start instead
        if (config.defaultApprovals() < 0 || config.defaultApprovals() > 2) {
            throw new IllegalArgumentException("app.policy.default-approvals (APP_POLICY_DEFAULT_APPROVALS) must be 0, 1 "
                    + "or 2, not " + config.defaultApprovals());
        }
        if (config.defaultApprovalTtl().isNegative() || config.defaultApprovalTtl().isZero()) {
            throw new IllegalArgumentException("app.policy.default-approval-ttl (APP_POLICY_DEFAULT_APPROVAL_TTL) must "
                    + "be more than 0, e.g. 72h");
        }
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.config = config;
        this.mapper = mapper;
    }

    /** The widget's policy as of {@code client}'s transaction. */
    public Uni<Policy> forWidget(SqlClient client, String widgetId) {
        return repository.find(client, widgetId).map(found -> found.orElseGet(() -> new Policy(widgetId,
                config.defaultApprovals(), List.of(), config.defaultApprovalTtl(), false, null, null)));
    }

    Uni<Policy> get(String widgetId) {
        return forWidget(pool, widgetId);
    }

    Duration defaultTtl() {
        return config.defaultApprovalTtl();
    }

    /** Stores the policy with its audit event (the policy before and after) in one transaction. */
    Uni<Policy> put(String widgetId, Policy policy, Caller caller) {
        return pool.withTransaction(tx -> forWidget(tx, widgetId).chain(before -> repository.save(tx, widgetId, policy,
                caller.actor()).call(after -> {
                    ObjectNode details = mapper.createObjectNode();
                    details.set("before", before.stored() ? mapper.valueToTree(before) : null);
                    details.set("after", mapper.valueToTree(after));
                    return audit.append(tx, caller, new AuditEntry("policy.updated", AuditEntry.SUCCESS, null, widgetId,
                            null, null, details));
                })));
    }
}
