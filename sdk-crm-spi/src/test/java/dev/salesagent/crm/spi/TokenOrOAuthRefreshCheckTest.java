package dev.salesagent.crm.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenOrOAuthRefreshCheckTest {

    private final CrmConfig.Check check = CrmConfig.Check.tokenOrOAuthRefresh("apiToken", "personal token");

    @Test
    void exactlyOneCompleteModeIsAccepted() {
        assertThat(check.problem(CrmConfig.of(Map.of("apiToken", "t")))).isEmpty();
        assertThat(check.problem(CrmConfig.of(Map.of("clientId", "i", "clientSecret", "s", "refreshToken", "r"))))
                .isEmpty();
    }

    @Test
    void eachWrongCombinationIsNamed() {
        assertThat(check.problem(CrmConfig.of(Map.of()))).contains("missing credentials: set 'apiToken' "
                + "(personal token) or 'clientId', 'clientSecret' and 'refreshToken' (OAuth)");
        assertThat(check.problem(CrmConfig.of(Map.of("apiToken", "t", "clientId", "i")))).contains(
                "set either 'apiToken' or the OAuth keys clientId/clientSecret/refreshToken, not both");
        assertThat(check.problem(CrmConfig.of(Map.of("clientId", "i")))).contains(
                "incomplete OAuth credentials: missing [clientSecret, refreshToken]");
        assertThat(CrmConfig.Check.tokenOrOAuthRefresh("apiToken", null).problem(CrmConfig.of(Map.of())))
                .contains("missing credentials: set 'apiToken' or 'clientId', 'clientSecret' and 'refreshToken' (OAuth)");
    }
}
