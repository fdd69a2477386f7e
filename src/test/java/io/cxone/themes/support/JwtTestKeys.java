package io.cxone.themes.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Writes the test key pair's public key as PEM and points MicroProfile JWT at it, as production would. */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {
    private Path pem;

    @Override
    public Map<String, String> start() {
        try {
            pem = Files.createTempFile("jwt-test-public", ".pem");
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestTokens.KEYS.getPublic().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Inline, not by location: in test mode smallrye-jwt's own processor installs an in-memory inline key when
        // none is configured at build time, and an inline key wins over any location; this one outranks it.
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(TestTokens.KEYS.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        try {
            if (pem != null) {
                Files.deleteIfExists(pem);
            }
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
