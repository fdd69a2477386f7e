package io.cxone.themes.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxone.themes.problem.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reading the audit trail: pages for people, exports for SIEMs, and verification of the whole chain. */
@ApplicationScoped
public class AuditService {
    private static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    private final AuditRepository repository;
    private final String hostname;

    AuditService(AuditRepository repository, @ConfigProperty(name = "app.audit.hostname") String hostname) {
        this.repository = repository;
        this.hostname = hostname;
    }

    public Uni<AuditPage> page(AuditFilter filter, PageRequest page) {
        return repository.page(filter, page).chain(items -> repository.count(filter)
                .map(total -> new AuditPage(items, page.page(), page.size(), total)));
    }

    /** Lines of the chosen format, read in batches up to the head as it was when the export began. */
    public Multi<String> export(AuditFormat format, AuditFilter filter) {
        return repository.head(repository.pool()).onItem()
                .transformToMulti(head -> repository.inOrder(repository.pool(), filter, head.seq()))
                .map(format::format);
    }

    public AuditFormat format(String name) {
        return AuditFormats.of(name, hostname);
    }

    /**
     * Reads head and events in one repeatable-read snapshot, so appends running meanwhile neither look like
     * deletions nor escape the check; events past the head (written around the audit writer) are reported too.
     */
    public Uni<VerifyResult> verify() {
        return repository.pool().withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, "
                + "READ ONLY").execute().chain(() -> repository.head(tx)).chain(head -> {
                    ChainVerifier verifier = new ChainVerifier();
                    return repository.inOrder(tx, ALL, Long.MAX_VALUE).onItem().invoke(verifier::accept)
                            .onItem().ignoreAsUni().map(done -> verifier.result(head));
                }));
    }
}
