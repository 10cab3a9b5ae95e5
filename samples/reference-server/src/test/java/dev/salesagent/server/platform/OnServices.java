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
 * buckets. Every class with this annotation shares one Spring context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {
    "salesagent.platform.db.url=${salesagent.it.postgres.url}?currentSchema=" + ServicesSchema.NAME,
    "salesagent.platform.db.username=${salesagent.it.postgres.user:postgres}",
    "spring.flyway.schemas=" + ServicesSchema.NAME,
    "spring.flyway.create-schemas=true",
    "salesagent.rate-limits.redis-url=redis://${salesagent.it.redis.host}:${salesagent.it.redis.port}"
})
public @interface OnServices {
}
