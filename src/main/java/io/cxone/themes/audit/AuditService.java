package io.cxone.themes.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reading the audit trail: pages for people, exports for SIEMs, and verification of the whole chain. */
@ApplicationScoped
public class AuditService {
    private static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    private final AuditRepository repository;
    private final CheckpointRepository checkpoints;
    private final SigningKey key;
    private final String hostname;

    AuditService(AuditRepository repository, CheckpointRepository checkpoints, SigningKey key,
            @ConfigProperty(name = "app.audit.hostname") String hostname) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.key = key;
        this.hostname = hostname;
    }

    public Uni<CheckpointPage> checkpoints(PageRequest page) {
        return checkpoints.page(repository.pool(), page.page(), page.size()).chain(items -> checkpoints.count(repository.pool())
                .map(total -> new CheckpointPage(key.keyId(), key.algorithm(), key.publicKeyPem(), items, page.page(),
                        page.size(), total)));
    }

    public Uni<Page<AuditEvent>> page(AuditFilter filter, PageRequest page) {
        return repository.page(filter, page).chain(items -> repository.count(filter)
                .map(total -> Page.of(items, page, total)));
    }

    /**
     * Lines of the chosen format, read in batches up to the head as it was when the export began, with each signed
     * checkpoint up to that head right after the event it names: a SIEM copy of the whole trail can then prove the
     * history without asking the service. A filtered export holds no checkpoints (without every event they prove
     * nothing).
     */
    public Multi<String> export(AuditFormat format, AuditFilter filter) {
        boolean whole = ALL.equals(filter);
        return repository.head(repository.pool())
                .chain(head -> (whole ? checkpoints.upTo(repository.pool(), head.seq())
                        : Uni.createFrom().item(List.<Checkpoint>of())).map(list -> Map.entry(head, list)))
                .onItem().transformToMulti(headAndCheckpoints -> {
                    Deque<Checkpoint> pending = new ArrayDeque<>(headAndCheckpoints.getValue());
                    Multi<String> events = repository.inOrder(repository.pool(), filter, headAndCheckpoints.getKey().seq())
                            .onItem().transformToIterable(e -> {
                                List<String> lines = new ArrayList<>(1);
                                while (!pending.isEmpty() && pending.peek().seq() < e.seq()) {
                                    lines.add(format.checkpoint(pending.poll()));
                                }
                                lines.add(format.format(e));
                                return lines;
                            });
                    Multi<String> rest = Multi.createFrom().deferred(() -> Multi.createFrom()
                            .iterable(pending.stream().map(format::checkpoint).toList()));
                    return Multi.createBy().concatenating().streams(events, rest);
                });
    }

    public AuditFormat format(String name) {
        return AuditFormats.of(name, hostname);
    }

    /**
     * Reads head and events in one repeatable-read snapshot, so appends running meanwhile neither look like
     * deletions nor escape the check; events past the head (written around the audit writer) are reported too, and so
     * is a rewrite that kept the chain consistent but no longer matches a signed checkpoint.
     */
    public Uni<VerifyResult> verify() {
        return repository.pool().withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, "
                + "READ ONLY").execute().chain(() -> repository.head(tx))
                .chain(head -> checkpoints.upTo(tx, Long.MAX_VALUE).chain(signed -> {
                    ChainVerifier verifier = new ChainVerifier(signed, key);
                    return repository.inOrder(tx, ALL, Long.MAX_VALUE).onItem().invoke(verifier::accept)
                            .onItem().ignoreAsUni().map(done -> verifier.result(head));
                })));
    }
}
