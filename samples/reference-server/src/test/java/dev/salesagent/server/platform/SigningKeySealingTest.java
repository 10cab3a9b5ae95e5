package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.salesagent.server.platform.auth.SigningKeyStore;
import dev.salesagent.server.platform.secret.TenantSecrets;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing keys are encrypted at rest with the secrets key (Tink AES-GCM), bound to their kid. */
class SigningKeySealingTest extends PlatformTestSupport {

    @Autowired
    SigningKeyStore keys;

    @Autowired
    TenantSecrets secrets;

    @Test
    void everyStoredKeyIsSealedAndOpensToThePrivateKeyOfThePublishedPublicKey() throws Exception {
        List<Map<String, Object>> rows = jdbc.sql("select kid, jwk, jwk_sealed from signing_key").query().listOfRows();
        assertThat(rows).isNotEmpty();
        String jwks = mvc.perform(get("/.well-known/jwks.json")).andReturn().getResponse().getContentAsString();
        for (Map<String, Object> row : rows) {
            String kid = (String) row.get("kid");
            byte[] sealed = (byte[]) row.get("jwk_sealed");
            assertThat(row.get("jwk")).as("plaintext column of " + kid).isNull();
            assertThat(sealed).isNotNull();
            String asText = new String(sealed, StandardCharsets.ISO_8859_1);
            assertThat(asText).doesNotContain("\"d\"").doesNotContain("RSA");
            RSAKey opened = RSAKey.parse(secrets.open(SigningKeyStore.PLATFORM, SigningKeyStore.sealedName(kid), sealed));
            assertThat(opened.isPrivate()).isTrue();
            assertThat(opened.getKeyID()).isEqualTo(kid);
            if (kid.equals(keys.activeKid())) {
                assertThat(jwks).contains(opened.toPublicJWK().getModulus().toString());
            }
            // bound to its kid: the ciphertext does not open as another key's
            assertThatThrownBy(() -> secrets.open(SigningKeyStore.PLATFORM, SigningKeyStore.sealedName("other"),
                    sealed)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aKeyStoredInPlaintextBeforeTheMigrationIsSealedOnceWithItsPrivateKeyIntact() throws Exception {
        RSAKey legacy = new RSAKeyGenerator(2048).keyID("legacy-" + UUID.randomUUID()).generate();
        jdbc.sql("insert into signing_key (kid, algorithm, jwk, created_at, active, retired_at)"
                + " values (?, 'RS256', ?, now(), false, ?)")
                .params(legacy.getKeyID(), legacy.toJSONString(),
                        Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS))).update();

        assertThat(keys.sealPlaintextKeys()).isGreaterThanOrEqualTo(1);
        assertThat(keys.sealPlaintextKeys()).isZero();

        Map<String, Object> row = jdbc.sql("select jwk, jwk_sealed from signing_key where kid = ?")
                .param(legacy.getKeyID()).query().singleRow();
        assertThat(row.get("jwk")).isNull();
        RSAKey opened = RSAKey.parse(secrets.open(SigningKeyStore.PLATFORM,
                SigningKeyStore.sealedName(legacy.getKeyID()), (byte[]) row.get("jwk_sealed")));
        assertThat(opened.toRSAPrivateKey()).isEqualTo(legacy.toRSAPrivateKey());
    }
}
