package io.cxone.themes.publish;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of {@code publication_approvals} (this package owns the table): one decision per person and publication. */
@ApplicationScoped
class ApprovalRepository {

    Uni<Void> record(SqlClient tx, UUID publicationId, String approver, String decision, String reason) {
        return tx.preparedQuery("INSERT INTO publication_approvals (publication_id, approver, decision, reason) "
                + "VALUES ($1, $2, $3, $4)").execute(Tuple.of(publicationId, approver, decision, reason))
                .replaceWithVoid();
    }
}
