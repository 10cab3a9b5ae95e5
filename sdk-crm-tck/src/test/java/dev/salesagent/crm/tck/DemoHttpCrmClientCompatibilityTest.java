package dev.salesagent.crm.tck;

import dev.salesagent.crm.CrmClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * A contacts-only HTTP adapter passes the kit: proves the contact tests over HTTP (batch chunking,
 * field errors through the error mapper, cursors) and the mirrored UnsupportedCapabilityException
 * tests for the seven capabilities it does not declare.
 */
class DemoHttpCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    private final DemoSimulator simulator = new DemoSimulator();

    @Override
    protected CrmClient createClient() {
        return DemoHttpCrmClient.create(simulator.baseUrl(), d -> {
            throw new AssertionError("a healthy simulator needs no retries, but the client waited " + d);
        });
    }

    @Override
    protected void advanceTime() {
        simulator.clock.advance(Duration.ofSeconds(1));
    }

    @AfterEach
    void stopSimulator() {
        simulator.shutdown();
    }
}
