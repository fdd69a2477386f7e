package io.cxone.themes.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The dev-mode key pair, kept under {@code target/dev-jwt} so that printed tokens survive live reloads. */
final class DevJwtKeys {
    static final Path DIR = Path.of("target", "dev-jwt");
    static final Path PUBLIC = DIR.resolve("publicKey.pem");
    static final Path PRIVATE = DIR.resolve("privateKey.pem");

    private DevJwtKeys() {
    }

    /** The private key, creating the pair first when absent. */
    static PrivateKey privateKey() {
        try {
            if (!Files.exists(PRIVATE) || !Files.exists(PUBLIC)) {
                Files.createDirectories(DIR);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            String body = Files.readString(PRIVATE).replaceAll("-----[A-Z ]+-----|\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev key pair under " + DIR, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev key pair under " + DIR + "; delete it to regenerate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
