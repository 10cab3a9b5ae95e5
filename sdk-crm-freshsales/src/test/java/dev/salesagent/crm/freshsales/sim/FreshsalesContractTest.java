package dev.salesagent.crm.freshsales.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract schemas refuse what Freshsales documents as wrong, so a shared misreading cannot pass silently. */
class FreshsalesContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FreshsalesContract contract = new FreshsalesContract();

    @Test
    @DisplayName("an upsert without unique_identifier, or with an undocumented contact field, is a violation")
    void upsertShape() {
        assertThat(contract.request("POST", "/contacts/upsert", Set.of(), "application/json",
                "{\"contact\":{\"email\":\"a@b.example\"}}")).isNotEmpty();
        assertThat(contract.request("POST", "/contacts/upsert", Set.of(), "application/json",
                "{\"unique_identifier\":{\"emails\":\"a@b.example\"},\"contact\":{\"firstName\":\"Ada\"}}"))
                .anySatisfy(v -> assertThat(v).contains("firstName"));
        assertThat(contract.request("POST", "/contacts/upsert", Set.of(), "application/json",
                "{\"unique_identifier\":{\"emails\":\"a@b.example\"},\"contact\":{\"first_name\":\"Ada\"}}")).isEmpty();
    }

    @Test
    @DisplayName("a note needs description, a known targetable_type and a numeric targetable_id")
    void noteShape() {
        assertThat(contract.request("POST", "/notes", Set.of(), "application/json",
                "{\"note\":{\"description\":\"x\",\"targetable_type\":\"Company\",\"targetable_id\":1}}")).isNotEmpty();
        assertThat(contract.request("POST", "/notes", Set.of(), "application/json",
                "{\"note\":{\"description\":\"x\",\"targetable_type\":\"Deal\",\"targetable_id\":\"1\"}}")).isNotEmpty();
    }

    @Test
    @DisplayName("undocumented routes, query parameters and content types are violations")
    void routes() {
        assertThat(contract.request("POST", "/contacts/bulk_upsert", Set.of(), "application/json", "{}")).isNotEmpty();
        assertThat(contract.request("GET", "/contacts/12", Set.of("fields"), null, null)).isNotEmpty();
        assertThat(contract.request("PUT", "/deals/12", Set.of(), "text/plain", "{\"deal\":{\"amount\":1}}"))
                .isNotEmpty();
        assertThat(contract.request("POST", "/filtered_search/lead", Set.of(), "application/json",
                "{\"filter_rule\":[]}")).isNotEmpty();
    }

    @Test
    @DisplayName("responses are checked too: a contact without timestamps or an error without code is a violation")
    void responses() throws Exception {
        assertThat(contract.response("GET", "/contacts/1", 200, "{\"contact\":{\"id\":1}}")).isNotEmpty();
        assertThat(contract.response("GET", "/contacts/1", 404, "{\"errors\":{\"message\":[\"x\"]}}")).isNotEmpty();
        assertThat(contract.check("filtered-search-response", "t",
                JSON.readTree("{\"contacts\":[],\"meta\":{\"total\":0}}"))).isEmpty();
    }
}
