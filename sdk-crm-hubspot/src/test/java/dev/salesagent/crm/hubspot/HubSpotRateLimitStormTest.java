package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator.Call;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 2,000 contact upserts while the simulator answers 429 (TEN_SECONDLY_ROLLING) to one call in five and enforces a
 * rolling limit of 10 requests per 500 ms (HubSpot's 100 per 10 s, scaled down so the test takes about a second).
 */
class HubSpotRateLimitStormTest {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMillis(500);

    @Test
    @DisplayName("every record lands exactly once, in the minimum batch count plus retries, never faster than the limit")
    void storm() {
        try (SimulatedHubSpot hs = SimulatedHubSpot.start()) {
            hs.sim.tenSecondLimit(LIMIT).rollingWindow(WINDOW).rateLimitEvery(5);
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                input.add(Contact.builder().email("storm" + i + "@example.com").firstName("S" + i).build());
            }
            List<BatchItemResult<Contact>> results;
            try (HubSpotCrmClient client = hs.newClient(Map.of("rateLimitRequests", String.valueOf(LIMIT),
                    "rateLimitPeriod", WINDOW.toMillis() + "ms", "maxAttempts", "10"), Clock.systemUTC())) {
                results = client.contacts().upsertAll(input);
            }

            assertThat(results).hasSize(2000).allMatch(BatchItemResult::isSuccess);
            assertThat(results).allMatch(r -> r.result().created());
            List<HubSpotSimulator.Obj> stored = hs.sim.all("contacts");
            assertThat(stored).hasSize(2000);
            Set<String> emails = new HashSet<>();
            stored.forEach(o -> emails.add(o.properties().get("email")));
            assertThat(emails).hasSize(2000);

            List<Call> calls = hs.sim.calls("POST", "/crm/v3/objects/contacts/batch/upsert");
            long accepted = calls.stream().filter(c -> c.status() == 200).count();
            long limited = calls.stream().filter(c -> c.status() == 429).count();
            assertThat(accepted).as("batch calls that landed").isEqualTo(20);
            assertThat(limited).as("429 answers").isGreaterThan(0);
            assertThat(calls).hasSize((int) (accepted + limited));
            assertThat(hs.sim.calls()).hasSameSizeAs(calls);
            // each 429 was followed by a wait of the window the X-HubSpot-RateLimit-* headers announce
            assertThat(hs.waits).hasSize((int) limited).allMatch(w -> w.compareTo(WINDOW) >= 0);

            // no rolling window ever saw more calls than the configured limit
            for (int i = 0; i < calls.size(); i++) {
                var end = calls.get(i).at();
                long inWindow = calls.stream().filter(c -> !c.at().isAfter(end) && c.at().isAfter(end.minus(WINDOW))).count();
                assertThat(inWindow).as("calls in the window ending at call %d", i).isLessThanOrEqualTo(LIMIT);
            }
        }
    }
}
