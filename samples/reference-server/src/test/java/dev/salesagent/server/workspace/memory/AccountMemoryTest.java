package dev.salesagent.server.workspace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Long-term memory per tenant: a fact learned for an account is reused by later calls of that tenant only. */
class AccountMemoryTest extends PlatformTestSupport {

    private String proposalMarkdown(Session who, String body) throws Exception {
        return read(mvc.perform(who.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn(), "$.markdown");
    }

    @Test
    @DisplayName("a fact given for an account in tenant A is reused by A's later proposal and outreach, never by B's")
    void reusedWithinTenantOnly() throws Exception {
        Session a = createUser(register("Memory A"), "sales_rep");
        Session b = createUser(register("Memory B"), "sales_rep");
        String domain = "memory-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
        String fact = "The CFO approved a budget for sales tooling in " + domain;
        String withFact = ContentBodies.PROPOSAL.replace("acme-robotics.com", domain)
                .replace("Acme Robotics opened a second plant in Ohio in 2026", fact);
        String withoutFact = ContentBodies.PROPOSAL.replace("acme-robotics.com", domain)
                .replace("\"facts\":[\"Acme Robotics opened a second plant in Ohio in 2026\"]", "\"facts\":[]");
        assertThat(withoutFact).doesNotContain(fact).contains("\"facts\":[]");

        assertThat(proposalMarkdown(a, withFact)).contains(fact);
        assertThat(proposalMarkdown(a, withoutFact)).contains(fact);
        assertThat(proposalMarkdown(b, withoutFact)).doesNotContain(fact);

        mvc.perform(a.auth(get("/api/v1/memory/facts").param("account", domain.toUpperCase())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].fact").value(fact))
                .andExpect(jsonPath("$[0].source").value("user:" + a.userId()))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(b.auth(get("/api/v1/memory/facts").param("account", domain)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());

        // the outreach agent gets the remembered fact too, in A only
        String outreach = ContentBodies.OUTREACH.replace("acme-robotics.com", domain)
                .replace("\"facts\":[\"Acme Robotics opened a second plant in Ohio in 2026\"]", "\"facts\":[]");
        assertThat((String) read(mvc.perform(a.auth(post("/api/v1/outreach/drafts"))
                .contentType(MediaType.APPLICATION_JSON).content(outreach)).andExpect(status().isCreated())
                .andReturn(), "$.body")).contains(fact);
        assertThat((String) read(mvc.perform(b.auth(post("/api/v1/outreach/drafts"))
                .contentType(MediaType.APPLICATION_JSON).content(outreach)).andExpect(status().isCreated())
                .andReturn(), "$.body")).doesNotContain(fact);
    }
}
