package dev.salesagent.crm.freshsales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.UnsupportedCapabilityException;
import dev.salesagent.crm.freshsales.sim.FreshsalesSimulator;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the kit: Freshsales' key rules as the simulator enforces them, and what is refused locally. */
class FreshsalesCrmClientTest {

    private final FreshsalesSimulator sim = FreshsalesSimulator.launch();
    private final FreshsalesCrmClient client = client(sim.config());

    private FreshsalesCrmClient client(CrmConfig config) {
        return FreshsalesCrmClient.builder(FreshsalesConfig.from(config))
                .options(CrmClientOptions.builder().clock(sim.clock()).build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        assertThat(sim.violations()).isEmpty();
        sim.stop();
    }

    @Test
    @DisplayName("a wrong API key is CrmAuthenticationException with vendor code login_failed and the request id,"
            + " after one attempt")
    void wrongKey() {
        try (FreshsalesCrmClient wrong = client(CrmConfig.of(Map.of("apiKey", "nope", "baseUrl", sim.baseUrl())))) {
            assertThatThrownBy(() -> wrong.contacts().findByEmail("a@b.example"))
                    .isInstanceOfSatisfying(CrmAuthenticationException.class, e -> {
                        assertThat(e.vendorCode()).isEqualTo("login_failed");
                        assertThat(e.requestId()).startsWith("sim-");
                        assertThat(e.getMessage()).contains("Incorrect or expired API key");
                    });
        }
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    @DisplayName("account names are unique in Freshsales: a second domain with a taken name fails alone with field"
            + " 'name'")
    void uniqueAccountNames() {
        List<BatchItemResult<Account>> r = client.accounts().upsertAll(List.of(
                Account.builder().name("Initech").domain("initech.example").build(),
                Account.builder().name("initech").domain("initech-two.example").build(),
                Account.builder().domain("initrode.example").build()));
        assertThat(r.get(0).isSuccess()).isTrue();
        assertThat(r.get(1).error()).isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(
                e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("name"));
        assertThat(r.get(2).result().record().name()).as("named after its domain").isEqualTo("initrode.example");
    }

    @Test
    @DisplayName("a note on a missing contact is CrmNotFoundException; a blank note and a non-numeric id are refused"
            + " without a request")
    void notesAndIds() {
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(CrmId.of("freshsales", "424242")), "hi"))
                .isInstanceOf(CrmNotFoundException.class);
        int before = sim.requests().size();
        CrmId contact = CrmId.of("freshsales", "1");
        assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(contact), "  "))
                .isInstanceOf(CrmValidationException.class);
        assertThatThrownBy(() -> client.contacts().get("../sales_accounts/1"))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::field).containsExactly("id"));
        assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("not-an-email").build()))
                .isInstanceOf(CrmValidationException.class);
        assertThat(sim.requests()).hasSize(before);
    }

    @Test
    @DisplayName("an unknown stage name is a validation error on field 'stage' after one early stage reload")
    void unknownStage() {
        String id = sim.seedDeal(dev.salesagent.crm.Opportunity.builder().name("D").stage("New").build()).id().value();
        assertThatThrownBy(() -> client.opportunities().update(id, OpportunityUpdate.builder().stage("Nope").build()))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::field).containsExactly("stage"));
        assertThat(sim.requests()).filteredOn(r -> r.contains("/selector/deal_stages")).hasSize(1);
    }

    @Test
    @DisplayName("sales orders, products, inventory and credit are not declared")
    void capabilities() {
        assertThat(client.capabilities()).containsExactlyInAnyOrder(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS,
                CrmCapability.NOTES, CrmCapability.OPPORTUNITIES, CrmCapability.CONTACT_DELETE);
        assertThatThrownBy(client::products).isInstanceOf(UnsupportedCapabilityException.class);
    }
}
