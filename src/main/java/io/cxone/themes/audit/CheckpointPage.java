package io.cxone.themes.audit;

import java.util.List;

/**
 * A page of signed checkpoints, newest first, with what a verifier needs: the public key (PEM), its id and the JCA
 * signature algorithm. A signature is over {@link Checkpoint#payload()}. The page part has the names of every other
 * list ({@link io.cxone.themes.web.Page}): {@code items, page, pageSize, totalItems}.
 */
public record CheckpointPage(String keyId, String algorithm, String publicKey, List<Checkpoint> items, int page,
        int pageSize, long totalItems) {
}
