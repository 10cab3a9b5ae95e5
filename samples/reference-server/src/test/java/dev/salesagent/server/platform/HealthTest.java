package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /actuator/health}: database and CRM components for a signed-in caller, only the status for anyone else. */
class HealthTest extends PlatformTestSupport {

    @Test
    void signedInCallersSeeDatabaseAndCrmComponentsAndNoRedisWithoutARedisUrlNorModelProbesWithoutModels() throws Exception {
        Session owner = register("Health Check");
        String body = mvc.perform(owner.auth(get("/actuator/health"))).andReturn().getResponse().getContentAsString();
        Map<String, Object> components = JsonPath.read(body, "$.components");
        assertThat((String) JsonPath.read(body, "$.components.db.status")).isEqualTo("UP");
        assertThat(components).containsKey("salesagentCrm").doesNotContainKey("redis")
                .as("no model endpoints configured: no probe component").doesNotContainKey("modelEndpoints");
        System.out.println("health components: " + components.keySet());
    }

    @Test
    void anonymousCallersSeeOnlyTheStatus() throws Exception {
        String body = mvc.perform(get("/actuator/health").with(randomClient())).andReturn().getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(body, "$.status")).isNotBlank();
        assertThat(body).doesNotContain("components");
    }
}
