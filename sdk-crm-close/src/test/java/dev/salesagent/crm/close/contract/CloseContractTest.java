package dev.salesagent.crm.close.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract schemas reject what Close does not document (so the simulator's checks can fail). */
class CloseContractTest {

    private final CloseContract contract = new CloseContract();

    private List<String> post(String path, String body) {
        return contract.request("POST", path, List.of(), "application/json", body);
    }

    @Test
    @DisplayName("documented bodies pass")
    void documentedPass() {
        assertThat(post("/contact/", "{\"lead_id\":\"lead_1\",\"name\":\"A B\",\"emails\":[{\"email\":\"a@b.co\",\"type\":\"office\"}]}"))
                .isEmpty();
        assertThat(post("/activity/note/", "{\"lead_id\":\"lead_1\",\"note\":\"hi\"}")).isEmpty();
        assertThat(post("/lead/", "{\"name\":\"Acme\",\"url\":\"https://acme.com\",\"custom.cf_Abc1\":3}")).isEmpty();
    }

    @Test
    @DisplayName("undocumented fields, missing required fields, bad limits, routes and query parameters are violations")
    void violations() {
        assertThat(post("/contact/", "{\"first_name\":\"A\",\"emails\":[{\"email\":\"a@b.co\"}]}")).isNotEmpty();
        assertThat(post("/contact/", "{\"emails\":[{\"email\":\"a@b.co\",\"type\":\"work\"}]}")).isNotEmpty();
        assertThat(post("/activity/note/", "{\"note\":\"no lead\"}")).isNotEmpty();
        assertThat(post("/lead/", "{\"url\":\"acme.com\"}")).isNotEmpty();
        assertThat(post("/data/search/", "{\"query\":{\"type\":\"match_all\"},\"_limit\":500}")).isNotEmpty();
        assertThat(post("/data/search/", "{\"query\":{\"type\":\"regex\"}}")).isNotEmpty();
        assertThat(contract.request("PUT", "/opportunity/oppo_1/", List.of(), "application/json", "{\"value\":12.5}"))
                .isNotEmpty();
        assertThat(contract.request("GET", "/lead/", List.of("query"), null, null)).isNotEmpty();
        assertThat(contract.request("GET", "/contact/", List.of("email"), null, null)).isNotEmpty();
        assertThat(contract.request("POST", "/contact/", List.of(), "text/plain", "{}")).isNotEmpty();
        assertThat(contract.response("GET", "/opportunity/oppo_1/", List.of(), 200, "{\"id\":\"oppo_1\"}")).isNotEmpty();
    }
}
