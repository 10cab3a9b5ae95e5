package dev.salesagent.spring.autoconfigure.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ObservedCrmClientTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class));

    @Test
    void withoutAnObservationRegistryTheProvidersClientIsTheBean() {
        runner.run(context -> assertThat(context.getBean(CrmClient.class)).isInstanceOf(InMemoryCrmClient.class));
    }

    @Test
    void operationCallsBecomeObservationsWithNameProviderAndOperation() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        runner.withBean(ObservationRegistry.class, () -> registry).withPropertyValues("salesagent.crm.sales.provider=memory")
                .run(context -> {
                    CrmClient crm = context.getBean(CrmClient.class);
                    assertThat(crm.providerId()).isEqualTo("memory");
                    assertThat(crm.supports(CrmCapability.INVENTORY)).isTrue();
                    crm.contacts().upsert(Contact.builder().email("jane@example.com").build());
                    assertThatThrownBy(() -> crm.contacts().get("no-such-id")).isInstanceOf(CrmNotFoundException.class);

                    assertThat(stopped).hasSize(2);
                    Observation.Context upsert = stopped.get(0);
                    assertThat(upsert.getName()).isEqualTo("salesagent.crm.operation");
                    assertThat(upsert.getLowCardinalityKeyValues()).contains(KeyValue.of("crm.name", "sales"),
                            KeyValue.of("provider", "memory"), KeyValue.of("operation", "contacts.upsert"));
                    assertThat(upsert.getError()).isNull();
                    assertThat(stopped.get(1).getError()).isInstanceOf(CrmNotFoundException.class);
                });
    }

    @Test
    void withSpringBootsMeterHandlerEachOperationIsTimedInTheApplicationsRegistry() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
            CrmClient crm = context.getBean(CrmClient.class);
            crm.accounts().findByDomain("example.com");
            crm.accounts().findByDomain("example.org");
            Timer timer = meters.find("salesagent.crm.operation").tag("operation", "accounts.findByDomain")
                    .tag("crm.name", "crmClient").timer();
            assertThat(timer).isNotNull();
            assertThat(timer.count()).isEqualTo(2);
        });
    }
}
