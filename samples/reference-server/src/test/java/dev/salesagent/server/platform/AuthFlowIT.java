package dev.salesagent.server.platform;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link AuthFlowTest} against the real PostgreSQL and Redis ({@code -Pservices}). */
@OnServices
@ExtendWith(ServicesSchema.class)
class AuthFlowIT extends AuthFlowTest {
}
