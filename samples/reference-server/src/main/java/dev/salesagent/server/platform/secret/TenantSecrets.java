package dev.salesagent.server.platform.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import dev.salesagent.server.platform.web.PlatformException;

/**
 * Per-tenant secrets (CRM credentials, model API keys) encrypted at rest with AES-256-GCM through Google Tink. Each
 * ciphertext is bound to its tenant and name as associated data, so a row copied to another tenant or name does not
 * decrypt. Values are never returned by any API and never logged; feature code reads them with {@link #get}.
 * The key comes from {@code SALESAGENT_SECRETS_KEY}; {@code SALESAGENT_SECRETS_KEY_PREVIOUS} keeps the previous key
 * readable after a rotation (new writes use the current key).
 */
@Service
public class TenantSecrets {

    private static final Logger log = LoggerFactory.getLogger(TenantSecrets.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final Aead aead;

    TenantSecrets(JdbcClient jdbc, AuditTrail audit, Clock clock, PlatformProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.aead = aead(properties);
    }

    /**
     * A secret's name and last change (never its value).
     *
     * @param name the name
     * @param updatedAt last change
     */
    public record SecretInfo(String name, Instant updatedAt) {
    }

    /**
     * Stores or replaces a secret of the signed-in user's tenant and audits it (name only).
     *
     * @throws PlatformException (400) for a bad name or an empty value
     */
    @Transactional
    public void put(UUID tenantId, String name, String value) {
        checkName(name);
        if (value == null || value.isEmpty()) {
            throw PlatformException.badRequest("value must not be empty");
        }
        byte[] ciphertext = encrypt(tenantId, name, value);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into tenant_secret (tenant_id, name, ciphertext, created_at, updated_at) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, name) do update set ciphertext = excluded.ciphertext, updated_at = excluded.updated_at""")
                .params(tenantId, name, ciphertext, Sql.ts(now), Sql.ts(now)).update();
        audit.record("secret.stored", "secret", name, Map.of());
    }

    /**
     * Deletes a secret of the tenant.
     *
     * @throws PlatformException (404) when the tenant has no secret of that name
     */
    @Transactional
    public void delete(UUID tenantId, String name) {
        checkName(name);
        if (jdbc.sql("delete from tenant_secret where tenant_id = ? and name = ?").params(tenantId, name).update() == 0) {
            throw PlatformException.notFound("secret");
        }
        audit.record("secret.deleted", "secret", name, Map.of());
    }

    /** The tenant's secrets' names. */
    @Transactional(readOnly = true)
    public List<SecretInfo> list(UUID tenantId) {
        return jdbc.sql("select name, updated_at from tenant_secret where tenant_id = ? order by name").param(tenantId)
                .query((rs, n) -> new SecretInfo(rs.getString("name"), Sql.instant(rs, "updated_at"))).list();
    }

    /**
     * The decrypted value of a tenant's secret, for server code that calls a CRM or model on the tenant's behalf.
     *
     * @return the value, empty when the tenant has none of that name
     * @throws IllegalStateException when the stored value does not decrypt (wrong key, or the row was tampered with)
     */
    @Transactional(readOnly = true)
    public Optional<String> get(UUID tenantId, String name) {
        return jdbc.sql("select ciphertext from tenant_secret where tenant_id = ? and name = ?").params(tenantId, name)
                .query(byte[].class).optional().map(c -> decrypt(tenantId, name, c));
    }

    /**
     * Encrypts a value for server code that stores its own secrets (e.g. TOTP seeds), bound to a tenant and a name.
     *
     * @param tenantId the tenant
     * @param name what the value is (part of the associated data), e.g. {@code totp:<user id>}
     * @param value the plaintext
     * @return the ciphertext
     */
    public byte[] seal(UUID tenantId, String name, String value) {
        return encrypt(tenantId, name, value);
    }

    /**
     * Decrypts what {@link #seal} made for the same tenant and name.
     *
     * @throws IllegalStateException when it does not decrypt
     */
    public String open(UUID tenantId, String name, byte[] ciphertext) {
        return decrypt(tenantId, name, ciphertext);
    }

    private byte[] encrypt(UUID tenantId, String name, String value) {
        try {
            return aead.encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt secret " + name, e);
        }
    }

    private String decrypt(UUID tenantId, String name, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(tenantId, name)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + name + " of tenant " + tenantId
                    + " does not decrypt (wrong SALESAGENT_SECRETS_KEY, or the row was altered)");
        }
    }

    private static byte[] associatedData(UUID tenantId, String name) {
        return ("salesagent-secret|" + tenantId + "|" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw PlatformException.badRequest("secret names are 1-64 lowercase letters, digits, '.', '_' or '-'");
        }
    }

    private static Aead aead(PlatformProperties properties) {
        try {
            AeadConfig.register();
            byte[] current = key(properties);
            KeysetHandle.Builder keyset = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(aesGcm(current)).withFixedId(keyId(current)).makePrimary());
            String previous = properties.secrets().previousKey();
            if (previous != null && !previous.isBlank()) {
                byte[] old = decodeKey(previous, "SALESAGENT_SECRETS_KEY_PREVIOUS");
                keyset.addEntry(KeysetHandle.importKey(aesGcm(old)).withFixedId(keyId(old)));
            }
            return keyset.build().getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up secrets encryption", e);
        }
    }

    private static AesGcmKey aesGcm(byte[] bytes) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.TINK).build();
        return AesGcmKey.builder().setParameters(parameters).setIdRequirement(keyId(bytes))
                .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).build();
    }

    /** A stable key id from the key bytes, so ciphertexts name the key that made them. */
    private static int keyId(byte[] key) throws GeneralSecurityException {
        return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getInt() & 0x7fffffff | 1;
    }

    private static byte[] key(PlatformProperties properties) {
        String configured = properties.secrets().key();
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured, "SALESAGENT_SECRETS_KEY");
        }
        Path file = properties.dataDir().resolve("secrets.key").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).trim(), file.toString());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("Could not restrict the permissions of {}", file);
            }
            log.warn("SALESAGENT_SECRETS_KEY is not set: generated a secrets key in {}; set the variable for "
                    + "production and for more than one instance", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (AES-256), got " + bytes.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return bytes;
    }
}
