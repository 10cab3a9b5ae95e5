package dev.salesagent.crm.pipedrive.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The schemas can fail, and the simulator refuses requests off the documented contract. */
class PipedriveContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipedriveContract contract = new PipedriveContract();

    @Test
    @DisplayName("person-write rejects unknown fields and emails without value; accepts the documented shape")
    void personWrite() throws Exception {
        assertThat(contract.check("person-write", "p", JSON.readTree("{\"name\":\"A\",\"emails\":[{\"value\":\"a@b.c\",\"primary\":true}]}")))
                .isEmpty();
        assertThat(contract.check("person-write", "p", JSON.readTree("{\"email\":\"a@b.c\"}"))).isNotEmpty();
        assertThat(contract.check("person-write", "p", JSON.readTree("{\"emails\":[{\"primary\":true}]}"))).isNotEmpty();
    }

    @Test
    @DisplayName("note-create needs content and a target; responses need the envelope and v1 timestamps")
    void noteAndEnvelope() throws Exception {
        assertThat(contract.check("note-create", "n", JSON.readTree("{\"content\":\"x\"}"))).isNotEmpty();
        assertThat(contract.check("note-create", "n", JSON.readTree("{\"content\":\"x\",\"deal_id\":3}"))).isEmpty();
        assertThat(contract.check("note-response", "r", JSON.readTree("{\"success\":true,\"data\":{\"id\":1,\"content\":\"x\","
                + "\"add_time\":\"2026-01-05T09:00:00Z\",\"update_time\":\"2026-01-05 09:00:00\"}}"))).isNotEmpty();
        assertThat(contract.check("person-response", "r", JSON.readTree("{\"data\":{}}"))).isNotEmpty();
    }

    @Test
    @DisplayName("the simulator answers 400 to an undocumented query parameter and records the violation")
    void simulatorRefusesOffContract() throws Exception {
        PipedriveSimulator sim = PipedriveSimulator.launch();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.baseUrl() + "/api/v2/persons?start=0")).header("x-api-token", PipedriveSimulator.API_TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("x-ratelimit-limit")).isPresent();
            assertThat(sim.violations()).singleElement().asString().contains("'start'");
        } finally {
            sim.stop();
        }
    }
}
