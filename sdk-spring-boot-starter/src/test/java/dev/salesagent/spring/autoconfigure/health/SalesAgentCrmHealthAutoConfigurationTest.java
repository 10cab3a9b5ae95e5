package dev.salesagent.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SalesAgentCrmHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SalesAgentCrmAutoConfiguration.class, SalesAgentCrmHealthAutoConfiguration.class));

    @Test
    void oneIndicatorPerCrmNamedAfterTheEntry() {
        runner.withPropertyValues("salesagent.crm.sales.provider=memory", "salesagent.crm.erp.provider=memory").run(context -> {
            CompositeHealthContributor crm = context.getBean("salesagentCrmHealthContributor", CompositeHealthContributor.class);
            List<String> names = new ArrayList<>();
            crm.stream().forEach(entry -> names.add(entry.name()));
            assertThat(names).containsExactlyInAnyOrder("sales", "erp");
            Health sales = ((HealthIndicator) crm.getContributor("sales")).health();
            assertThat(sales.getStatus()).isEqualTo(Status.UP);
            assertThat(sales.getDetails()).containsEntry("provider", "memory").containsEntry("probe", "contacts.changedSince");
        });
    }

    @Test
    void theSandboxClientIsCheckedToo() {
        runner.run(context -> assertThat(context.getBean("salesagentCrmHealthContributor", CompositeHealthContributor.class)
                .getContributor("crmClient")).isInstanceOf(CrmHealthIndicator.class));
    }

    @Test
    void canBeSwitchedOffWithTheActuatorProperty() {
        runner.withPropertyValues("management.health.salesagent-crm.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("salesagentCrmHealthContributor"));
    }
}
