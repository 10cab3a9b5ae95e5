package dev.salesagent.server.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a platform test class against the real services of the {@code services} profile: PostgreSQL
 * ({@code salesagent.it.postgres.url}, schema {@code salesagent_server_it}, emptied first by
 * {@link ServicesSchema}) instead of the embedded one, and Redis ({@code salesagent.it.redis.host}) for the rate-limit
 * buckets. Every class with this annotation shares one Spring context. They also share one secrets key (a test-only
 * constant): the schema is shared by classes with different data directories (whose generated key files differ), and
 * the platform's signing key in it must decrypt for all of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {
    "salesagent.platform.db.url=${salesagent.it.postgres.url}?currentSchema=" + ServicesSchema.NAME,
    "salesagent.platform.db.username=${salesagent.it.postgres.user:postgres}",
    "spring.flyway.schemas=" + ServicesSchema.NAME,
    "spring.flyway.create-schemas=true",
    "salesagent.rate-limits.redis-url=redis://${salesagent.it.redis.host}:${salesagent.it.redis.port}",
    "salesagent.platform.secrets.key=" + OnServices.TEST_SECRETS_KEY
})
public @interface OnServices {

    /** Base64 of 32 bytes: the AES-256 secrets key of the integration tests only ("salesagent-services-it-only-key!"). */
    String TEST_SECRETS_KEY = "c2FsZXNhZ2VudC1zZXJ2aWNlcy1pdC1vbmx5LWtleSE=";
}
