package dev.salesagent.server.platform;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TenantIsolationTest} against the real PostgreSQL and Redis ({@code -Pservices}). */
@OnServices
@ExtendWith(ServicesSchema.class)
class TenantIsolationIT extends TenantIsolationTest {
}
