package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Company upsert without a unique {@code domain}: HubSpot (and the simulator) reject {@code idProperty=domain}, so
 * domains are searched, matches batch-updated by id and the rest batch-created, in the fewest calls.
 */
class HubSpotCompanyUpsertTest {

    SimulatedHubSpot hs;

    @AfterEach
    void stop() {
        if (hs != null) {
            hs.close();
        }
    }

    private List<String> paths() {
        return hs.sim.calls().stream().map(c -> c.method() + " " + c.path()).toList();
    }

    @Test
    @DisplayName("mixed batch: one search, one batch/update for existing domains, one batch/create for new ones; input order kept")
    void mixedBatch() {
        hs = SimulatedHubSpot.start();
        String acme = hs.sim.seed("companies", Map.of("domain", "acme.com", "name", "Acme old"));
        String globex = hs.sim.seed("companies", Map.of("domain", "globex.com", "name", "Globex old"));
        List<BatchItemResult<Account>> r = hs.client.accounts().upsertAll(List.of(
                Account.builder().domain("new-one.io").name("New One").build(),
                Account.builder().domain("ACME.com").name("Acme").build(),
                Account.builder().name("no domain").build(),
                Account.builder().domain("globex.com").name("Globex").build(),
                Account.builder().domain("new-two.io").name("New Two").build()));

        assertThat(paths()).containsExactly("POST /crm/v3/objects/companies/search",
                "POST /crm/v3/objects/companies/batch/update", "POST /crm/v3/objects/companies/batch/create");
        assertThat(r).extracting(BatchItemResult::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(r.get(1).result().record().id()).isEqualTo(CrmId.of("hubspot", acme));
        assertThat(r.get(1).result().created()).isFalse();
        assertThat(r.get(1).result().record().domain()).isEqualTo("acme.com");
        assertThat(r.get(3).result().record().id()).isEqualTo(CrmId.of("hubspot", globex));
        assertThat(r.get(2).isSuccess()).isFalse();
        assertThat(r.get(0).result().created()).isTrue();
        assertThat(r.get(4).result().created()).isTrue();
        assertThat(r.get(0).result().record().name()).isEqualTo("New One");
        assertThat(hs.sim.all("companies")).hasSize(4);
        assertThat(hs.sim.find("companies", "domain", "acme.com").properties()).containsEntry("name", "Acme");
    }

    @Test
    @DisplayName("several companies share a domain: the oldest is updated, no new duplicate is created")
    void duplicateDomainInPortal() {
        hs = SimulatedHubSpot.start();
        String oldest = hs.sim.seed("companies", Map.of("domain", "dup.com", "name", "First"));
        String newer = hs.sim.seed("companies", Map.of("domain", "dup.com", "name", "Second"));
        Account a = hs.client.accounts().upsert(Account.builder().domain("dup.com").name("Updated").build()).record();
        assertThat(a.id()).isEqualTo(CrmId.of("hubspot", oldest));
        assertThat(hs.sim.all("companies")).hasSize(2);
        assertThat(hs.sim.all("companies").stream().filter(o -> o.id().equals(newer)).findFirst().orElseThrow().properties())
                .containsEntry("name", "Second");
        assertThat(hs.client.accounts().findByDomain("www.dup.com")).get().extracting(Account::id)
                .isEqualTo(CrmId.of("hubspot", oldest));
    }

    @Test
    @DisplayName("a domain repeated in one call: created once, then updated in order")
    void repeatedDomainInInput() {
        hs = SimulatedHubSpot.start();
        List<BatchItemResult<Account>> r = hs.client.accounts().upsertAll(List.of(
                Account.builder().domain("rep.com").name("v1").build(),
                Account.builder().domain("rep.com").name("v2").build()));
        assertThat(r.get(0).result().created()).isTrue();
        assertThat(r.get(1).result().created()).isFalse();
        assertThat(r.get(1).result().record().id()).isEqualTo(r.get(0).result().record().id());
        assertThat(hs.sim.all("companies")).singleElement().satisfies(o -> assertThat(o.properties()).containsEntry("name", "v2"));
        assertThat(paths()).containsExactly("POST /crm/v3/objects/companies/search",
                "POST /crm/v3/objects/companies/batch/create", "POST /crm/v3/objects/companies/batch/update");
    }

    @Test
    @DisplayName("250 new domains: 3 searches of at most 100 IN values and 3 batch/create calls of at most 100")
    void chunking() {
        hs = SimulatedHubSpot.start();
        List<Account> in = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            in.add(Account.builder().domain("d" + i + ".com").name("C" + i).build());
        }
        List<BatchItemResult<Account>> r = hs.client.accounts().upsertAll(in);
        assertThat(r).allMatch(BatchItemResult::isSuccess);
        assertThat(r.get(249).result().record().domain()).isEqualTo("d249.com");
        assertThat(hs.sim.calls("POST", "/crm/v3/objects/companies/search")).hasSize(3)
                .allSatisfy(c -> assertThat(c.body().split("\\.com\"", -1).length - 1).isLessThanOrEqualTo(100));
        assertThat(hs.sim.calls("POST", "/crm/v3/objects/companies/batch/create")).hasSize(3);
        assertThat(hs.sim.calls()).hasSize(6);
        // upserting the same 250 again updates them all: 3 searches + 3 batch/update, nothing created
        hs.client.accounts().upsertAll(in);
        assertThat(hs.sim.all("companies")).hasSize(250);
        assertThat(hs.sim.calls("POST", "/crm/v3/objects/companies/batch/update")).hasSize(3);
    }

    @Test
    @DisplayName("a search page of more than 200 matches is followed with its after cursor")
    void searchPaging() {
        hs = SimulatedHubSpot.start();
        for (int i = 0; i < 210; i++) {
            hs.sim.seed("companies", Map.of("domain", i < 205 ? "crowded.com" : "late" + i + ".com"));
        }
        List<BatchItemResult<Account>> r = hs.client.accounts().upsertAll(List.of(
                Account.builder().domain("crowded.com").build(), Account.builder().domain("late209.com").build()));
        assertThat(r).allMatch(x -> !x.result().created());
        assertThat(hs.sim.calls("POST", "/crm/v3/objects/companies/search")).hasSize(2);
    }

    @Test
    @DisplayName("companyKeyProperty: one batch/upsert by the portal's unique property, reads by idProperty on it")
    void keyProperty() {
        hs = SimulatedHubSpot.start(Map.of("companyKeyProperty", "salesagent_domain"));
        hs.sim.uniqueProperty("companies", "salesagent_domain");
        Account a = hs.client.accounts().upsert(Account.builder().domain("key.com").name("Key").build()).record();
        assertThat(paths()).containsExactly("POST /crm/v3/objects/companies/batch/upsert");
        assertThat(hs.sim.calls().get(0).body()).contains("\"idProperty\":\"salesagent_domain\"").contains("\"domain\":\"key.com\"");
        assertThat(hs.client.accounts().findByDomain("key.com")).get().extracting(Account::id).isEqualTo(a.id());
        Contact c = hs.client.contacts().upsert(Contact.builder().email("x@key.com").accountDomain("key.com").build()).record();
        assertThat(c.accountId()).isEqualTo(a.id());
        assertThat(hs.sim.calls("POST", "/crm/v3/objects/companies/batch/read")).singleElement()
                .extracting(Call::body).asString().contains("\"idProperty\":\"salesagent_domain\"");
    }

    @Test
    @DisplayName("companyKeyProperty that is not unique in the portal: every item fails with HubSpot's 400 VALIDATION_ERROR")
    void keyPropertyNotUnique() {
        hs = SimulatedHubSpot.start(Map.of("companyKeyProperty", "not_unique"));
        List<BatchItemResult<Account>> r = hs.client.accounts().upsertAll(List.of(Account.builder().domain("a.com").build()));
        assertThat(r.get(0).isSuccess()).isFalse();
        assertThat(r.get(0).error().getMessage()).contains("Unable to perform update/upsert by non-unique 0-2 property not_unique");
    }
}
