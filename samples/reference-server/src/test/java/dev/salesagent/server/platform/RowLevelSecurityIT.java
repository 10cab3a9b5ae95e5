package dev.salesagent.server.platform;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RowLevelSecurityTest} against the real PostgreSQL ({@code -Pservices}). */
@OnServices
@ExtendWith(ServicesSchema.class)
class RowLevelSecurityIT extends RowLevelSecurityTest {
}
