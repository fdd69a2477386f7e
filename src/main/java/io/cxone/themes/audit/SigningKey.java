package io.cxone.themes.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cxone.themes.db.DataDirectory;
import io.quarkus.runtime.Startup;

/**
 * The key that signs audit checkpoints: a PEM file outside the database ({@code app.audit.signing-key}, a PKCS#8
 * {@code PRIVATE KEY} block followed by its {@code PUBLIC KEY} block; Ed25519, or ECDSA P-256). Without one the service
 * makes an Ed25519 key at first start, in a 0600 file under its data directory, and says so in the log. Its id is the
 * first 16 hex digits of the SHA-256 of the public key's X.509 (SPKI) encoding.
 */
@ApplicationScoped
@Startup // a broken key file stops the start with its reason, not the first checkpoint
public class SigningKey {
    static final String GENERATED_FILE = "audit-signing-key.pem";
    private static final Logger LOG = Logger.getLogger(SigningKey.class);
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** How a checkpoint's signature stands with this key. */
    public enum Trust { VALID, FORGED, OTHER_KEY }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String algorithm;
    private final String keyId;

    SigningKey(@ConfigProperty(name = "app.audit.signing-key") Optional<String> file) {
        Path path = file.filter(f -> !f.isBlank()).map(Path::of).orElse(null);
        KeyPair pair;
        if (path != null) {
            pair = read(path);
        } else {
            path = DataDirectory.root().resolve(GENERATED_FILE);
            boolean exists = Files.isRegularFile(path);
            pair = exists ? read(path) : generate(path);
            if (!exists) {
                LOG.warnf("Generated the audit checkpoint signing key at %s (APP_AUDIT_SIGNING_KEY is not set): keep a "
                        + "copy away from the database host and give every instance the same file", path);
            }
        }
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.algorithm = signatureAlgorithm(publicKey);
        this.keyId = keyId(publicKey);
        check(path);
        LOG.infof("Audit checkpoints are signed with %s key %s from %s", publicKey.getAlgorithm(), keyId, path);
    }

    public String keyId() {
        return keyId;
    }

    /** The JCA signature algorithm: Ed25519 or SHA256withECDSA. */
    public String algorithm() {
        return algorithm;
    }

    /** The public key as a PEM {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The checkpoint signed: its key id set to this key's and its signature over {@link Checkpoint#payload()}. */
    Checkpoint sign(long id, long seq, String hash, java.time.Instant time) {
        Checkpoint unsigned = new Checkpoint(id, seq, hash, time, keyId, null);
        try {
            Signature s = Signature.getInstance(algorithm); // not thread-safe: one per signature
            s.initSign(privateKey);
            s.update(unsigned.payload().getBytes(StandardCharsets.UTF_8));
            return unsigned.signedWith(Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an audit checkpoint with key " + keyId, e);
        }
    }

    /** VALID: signed by this key; FORGED: claims this key but the signature fails; OTHER_KEY: not checkable here. */
    public Trust check(Checkpoint c) {
        if (!keyId.equals(c.keyId())) {
            return Trust.OTHER_KEY;
        }
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(publicKey);
            s.update(c.payload().getBytes(StandardCharsets.UTF_8));
            return c.signature() != null && s.verify(Base64.getDecoder().decode(c.signature())) ? Trust.VALID
                    : Trust.FORGED;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Trust.FORGED; // undecodable or malformed signature
        }
    }

    /** Signs and checks a probe, so a private key that does not belong to its public key fails at start. */
    private void check(Path path) {
        if (check(sign(1, 1, AuditChain.GENESIS, java.time.Instant.EPOCH)) != Trust.VALID) {
            throw new IllegalStateException("the private and public keys in " + path + " do not belong together: "
                    + "write the private key's own public key after it (openssl pkey -in KEY -pubout)");
        }
    }

    private static KeyPair read(Path path) {
        try {
            String pem = Files.readString(path, StandardCharsets.US_ASCII);
            byte[] priv = null;
            byte[] pub = null;
            Matcher m = BLOCK.matcher(pem);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                switch (m.group(1)) {
                    case "PRIVATE KEY" -> priv = der;
                    case "PUBLIC KEY" -> pub = der;
                    default -> { } // e.g. EC PARAMETERS: not needed
                }
            }
            if (priv == null || pub == null) {
                throw new IllegalStateException("the audit signing key " + path + " needs a PKCS#8 PRIVATE KEY block and "
                        + "its PUBLIC KEY block (e.g. openssl genpkey -algorithm ed25519 -out KEY && openssl pkey -in "
                        + "KEY -pubout >> KEY)");
            }
            for (String kind : new String[] { "Ed25519", "EC" }) {
                try {
                    KeyFactory f = KeyFactory.getInstance(kind);
                    return new KeyPair(f.generatePublic(new X509EncodedKeySpec(pub)),
                            f.generatePrivate(new PKCS8EncodedKeySpec(priv)));
                } catch (GeneralSecurityException notThisKind) {
                    // try the next kind
                }
            }
            throw new IllegalStateException("the audit signing key " + path + " is neither Ed25519 nor EC: use "
                    + "openssl genpkey -algorithm ed25519 (or an ECDSA P-256 key)");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the audit signing key " + path + " (set APP_AUDIT_SIGNING_KEY "
                    + "to a readable PEM file, or unset it to have one generated): " + e.getMessage(), e);
        }
    }

    private static KeyPair generate(Path path) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            String pem = "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                    + b64.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the audit signing key " + path + " (make its directory "
                    + "writable, or set APP_AUDIT_SIGNING_KEY to a PEM file): " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519";
    }

    private static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
