package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce contacts and accounts")
class SalesforceContactsAccountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/services/data/" + SalesforceSimulator.API_VERSION;
    private static TestOrg org;
    private static SalesforceCrmClient client;

    @BeforeAll
    static void start() {
        org = new TestOrg(true);
        client = org.client();
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    /** The sObject Collections upserts of Contacts whose records carry this key. */
    private static List<LoggedRequest> collectionUpserts(String key) {
        return org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(API + "/composite/sobjects/Contact/"
                + SalesforceSimulator.CONTACT_KEY_FIELD))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + key + "\"")).toList();
    }

    @Nested
    @DisplayName("upsert by external id")
    class Upsert {

        @Test
        @DisplayName("PATCHes /composite/sobjects/Contact/<keyField> with the key in the record (never in the URL): "
                + "created, then updated")
        void createdThenUpdated() throws Exception {
            UpsertResult<Contact> created = client.contacts().upsert(Contact.builder().email("Ada.Lovelace@Example.com")
                    .firstName("Ada").lastName("Lovelace").title("Analyst").build());
            assertThat(created.created()).isTrue();
            assertThat(created.record().id().value()).startsWith("003");
            assertThat(created.record().email()).isEqualTo("ada.lovelace@example.com");

            List<LoggedRequest> patches = collectionUpserts("ada.lovelace@example.com");
            assertThat(patches).hasSize(1);
            JsonNode sent = body(patches.get(0)).path("records").path(0);
            assertThat(sent.path("attributes").path("type").asText()).isEqualTo("Contact");
            assertThat(sent.get("Email").asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(sent.get("LastName").asText()).isEqualTo("Lovelace");
            assertThat(sent.get(SalesforceSimulator.CONTACT_KEY_FIELD).asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(patches.get(0).getHeader("Authorization")).startsWith("Bearer ");

            UpsertResult<Contact> updated = client.contacts().upsert(Contact.builder().email("ada.lovelace@example.com")
                    .title("Countess").build());
            assertThat(updated.created()).isFalse();
            assertThat(updated.record().id()).isEqualTo(created.record().id());
            assertThat(updated.record().title()).isEqualTo("Countess");
            assertThat(updated.record().lastName()).as("null fields keep the stored value").isEqualTo("Lovelace");
        }

        @Test
        @DisplayName("links the contact to the account whose domain key matches accountDomain")
        void linksByDomain() {
            Account acme = client.accounts().upsert(Account.builder().name("Acme Rockets").domain("https://www.acme-rockets.io/")
                    .industry("Aerospace").employees(120L).build()).record();
            Contact c = client.contacts().upsert(Contact.builder().email("wile@acme-rockets.io").lastName("Coyote")
                    .accountDomain("acme-rockets.io").build()).record();
            assertThat(c.accountId()).isEqualTo(acme.id());
            assertThat(c.accountDomain()).isEqualTo("acme-rockets.io");
        }

        @Test
        @DisplayName("a new contact without LastName is retried once with the placeholder; an update never sends it")
        void defaultLastName() throws Exception {
            Contact created = client.contacts().upsert(Contact.builder().email("nolast@example.com").build()).record();
            assertThat(created.lastName()).isEqualTo("[not provided]");
            List<LoggedRequest> patches = collectionUpserts("nolast@example.com");
            assertThat(patches).hasSize(2);
            assertThat(body(patches.get(0)).path("records").path(0).has("LastName")).isFalse();
            assertThat(body(patches.get(1)).path("records").path(0).get("LastName").asText())
                    .isEqualTo("[not provided]");

            client.contacts().upsert(Contact.builder().email("nolast@example.com").lastName("Known").build());
            Contact updated = client.contacts().upsert(Contact.builder().email("nolast@example.com").title("CTO")
                    .build()).record();
            assertThat(updated.lastName()).isEqualTo("Known");
        }

        @Test
        @DisplayName("Salesforce's field errors come back as CrmValidationException naming our field and the error code")
        void fieldErrors() {
            String tooLong = "T".repeat(129);
            assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("longtitle@example.com")
                    .lastName("Long").title(tooLong).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        // a per-record error inside the collections response (HTTP 200 overall)
                        assertThat(e.vendorCode()).isEqualTo("STRING_TOO_LONG");
                        assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field)
                                .containsExactly("title");
                        assertThat(e.getMessage()).contains("code=STRING_TOO_LONG");
                    });
        }

        @Test
        @DisplayName("a key matching several records (DUPLICATE_EXTERNAL_ID) is CrmConflictException listing their ids")
        void multipleMatches() {
            String a = client.contacts().upsert(Contact.builder().email("twin1@example.com").lastName("One").build()).id().value();
            String b = client.contacts().upsert(Contact.builder().email("twin2@example.com").lastName("Two").build()).id().value();
            org.sim.forceKey(b, SalesforceSimulator.CONTACT_KEY_FIELD, "twin1@example.com");
            assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("twin1@example.com").build()))
                    .isInstanceOfSatisfying(CrmConflictException.class, e -> {
                        assertThat(e.vendorCode()).isEqualTo("DUPLICATE_EXTERNAL_ID");
                        assertThat(e.conflictingIds()).containsExactlyInAnyOrder(a, b);
                    });
        }

        @Test
        @DisplayName("a malformed e-mail or domain fails locally, before any call")
        void localValidation() {
            int before = org.sim.server().findAll(anyRequestedFor(urlPathMatching(API + "/.*"))).size();
            assertThatThrownBy(() -> client.contacts().upsert(Contact.builder().email("not-an-email").build()))
                    .isInstanceOf(CrmValidationException.class);
            assertThatThrownBy(() -> client.accounts().upsert(Account.builder().name("X").build()))
                    .isInstanceOf(CrmValidationException.class);
            assertThat(org.sim.server().findAll(anyRequestedFor(urlPathMatching(API + "/.*")))).hasSize(before);
        }
    }

    @Test
    @DisplayName("fieldMapping keys redirect our fields and add custom fields, in reads and writes")
    void fieldMappings() throws Exception {
        Map<String, String> config = org.jwtConfig();
        config.put("fieldMapping.contact.phone", "MobilePhone");
        config.put("fieldMapping.contact.source", "LeadSource");
        config.put("fieldMapping.account.tier", "Tier__c");
        config.put("fieldMapping.account.seats", "Seats__c");
        try (SalesforceCrmClient mapped = org.client(config)) {
            Contact c = mapped.contacts().upsert(Contact.builder().email("mapped@example.com").lastName("Mapped")
                    .phone("+1 555 0100").customFields(Map.of("source", "Partner")).build()).record();
            assertThat(c.phone()).isEqualTo("+1 555 0100");
            assertThat(c.customFields()).containsEntry("source", "Partner");
            JsonNode stored = org.sim.record(c.id().value()).orElseThrow();
            assertThat(stored.get("MobilePhone").asText()).isEqualTo("+1 555 0100");
            assertThat(stored.path("Phone").isNull() || stored.path("Phone").isMissingNode()).isTrue();
            assertThat(stored.get("LeadSource").asText()).isEqualTo("Partner");

            Account a = mapped.accounts().upsert(Account.builder().name("Mapped Inc").domain("mapped.example")
                    .customFields(Map.of("tier", "Gold", "seats", new java.math.BigDecimal("250"), "ignored", "x"))
                    .build()).record();
            assertThat(a.customFields()).containsEntry("tier", "Gold").doesNotContainKey("ignored");
            assertThat((java.math.BigDecimal) a.customFields().get("seats")).isEqualByComparingTo("250");
        }
    }

    @Nested
    @DisplayName("sObject Collections batches")
    class Batches {

        @Test
        @DisplayName("450 contacts go out as 200 + 200 + 50 with allOrNone=false; per-item errors keep input order")
        void chunksAndPerItemErrors() throws Exception {
            int before = org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(
                    API + "/composite/sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD))).size();
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                input.add(Contact.builder().email("bulk" + i + "@example.com").lastName("Bulk " + i).build());
            }
            input.set(7, Contact.builder().email("broken").lastName("Local").build());
            input.set(250, Contact.builder().email("longtitle250@example.com").lastName("L").title("T".repeat(200))
                    .build());
            input.set(300, Contact.builder().email("nolast300@example.com").build());

            List<BatchItemResult<Contact>> results = client.contacts().upsertAll(input);

            assertThat(results).hasSize(450);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).index()).isEqualTo(i);
            }
            assertThat(results.get(7).isSuccess()).isFalse();
            assertThat(results.get(7).error()).isInstanceOf(CrmValidationException.class);
            assertThat(results.get(250).error()).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                assertThat(e.vendorCode()).isEqualTo("STRING_TOO_LONG");
                assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("title");
            });
            assertThat(results.get(300).result().record().lastName()).as("retried with the placeholder")
                    .isEqualTo("[not provided]");
            assertThat(results.stream().filter(BatchItemResult::isSuccess)).hasSize(448)
                    .allSatisfy(r -> assertThat(r.result().created()).isTrue());
            assertThat(results.get(449).result().record().email()).isEqualTo("bulk449@example.com");

            List<LoggedRequest> calls = org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(
                    API + "/composite/sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD)));
            List<LoggedRequest> mine = calls.subList(before, calls.size());
            assertThat(mine).as("three chunks plus one retry of the record without LastName").hasSize(4);
            assertThat(body(mine.get(0)).get("records")).hasSize(199);
            assertThat(body(mine.get(1)).get("records")).hasSize(200);
            assertThat(body(mine.get(2)).get("records")).as("the retry, within the second chunk").hasSize(1);
            assertThat(body(mine.get(3)).get("records")).hasSize(50);
            JsonNode first = body(mine.get(0));
            assertThat(first.get("allOrNone").asBoolean()).isFalse();
            assertThat(first.get("records").get(0).get("attributes").get("type").asText()).isEqualTo("Contact");
            assertThat(first.get("records").get(0).get(SalesforceSimulator.CONTACT_KEY_FIELD).asText())
                    .isEqualTo("bulk0@example.com");

            List<BatchItemResult<Contact>> again = client.contacts().upsertAll(input.subList(0, 3));
            assertThat(again).extracting(r -> r.result().created()).containsExactly(false, false, false);
        }

        @Test
        @DisplayName("contacts of 60 account domains are linked with two domain lookups of at most 50 domains")
        void linksManyDomains() {
            List<Account> accounts = new ArrayList<>();
            List<Contact> contacts = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                accounts.add(Account.builder().name("Linked " + i).domain("linked" + i + ".example").build());
                contacts.add(Contact.builder().email("p" + i + "@linked" + i + ".example").lastName("P")
                        .accountDomain("linked" + i + ".example").build());
            }
            Map<String, CrmId> accountIds = new java.util.HashMap<>();
            client.accounts().upsertAll(accounts).forEach(r -> accountIds.put(r.result().record().domain(),
                    r.result().id()));
            int before = domainLookups();
            List<BatchItemResult<Contact>> results = client.contacts().upsertAll(contacts);
            assertThat(domainLookups() - before).isEqualTo(2);
            for (int i = 0; i < 60; i++) {
                assertThat(results.get(i).result().record().accountId())
                        .isEqualTo(accountIds.get("linked" + i + ".example"));
            }
        }

        private int domainLookups() {
            return (int) org.sim.server().findAll(getRequestedFor(urlPathEqualTo(API + "/query"))).stream()
                    .filter(r -> r.queryParameter("q").firstValue().contains(SalesforceSimulator.ACCOUNT_KEY_FIELD
                            + " IN ("))
                    .count();
        }

        @Test
        @DisplayName("a key repeated in one batch goes out in a later call (Salesforce refuses duplicates in one call)")
        void repeatedKeys() throws Exception {
            String path = API + "/composite/sobjects/Contact/" + SalesforceSimulator.CONTACT_KEY_FIELD;
            int before = org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(path))).size();
            List<BatchItemResult<Contact>> r = client.contacts().upsertAll(List.of(
                    Contact.builder().email("dup@example.com").lastName("First").build(),
                    Contact.builder().email("other@example.com").lastName("Other").build(),
                    Contact.builder().email("DUP@example.com").title("Second").build()));
            assertThat(r).allMatch(BatchItemResult::isSuccess);
            assertThat(r.get(0).result().created()).isTrue();
            assertThat(r.get(2).result().created()).isFalse();
            assertThat(r.get(2).result().id()).isEqualTo(r.get(0).result().id());
            assertThat(client.contacts().findByEmail("dup@example.com")).hasValueSatisfying(c -> {
                assertThat(c.lastName()).isEqualTo("First");
                assertThat(c.title()).isEqualTo("Second");
            });
            List<LoggedRequest> calls = org.sim.server().findAll(patchRequestedFor(urlPathEqualTo(path)));
            List<Integer> sizes = new ArrayList<>();
            for (LoggedRequest c : calls.subList(before, calls.size())) {
                sizes.add(body(c).get("records").size());
            }
            assertThat(sizes).containsExactly(2, 1);
        }

        @Test
        @DisplayName("accounts batch by domain; a new account without Name is named after its domain")
        void accounts() {
            assertThat(client.accounts().maxBatchSize()).isEqualTo(200);
            List<BatchItemResult<Account>> r = client.accounts().upsertAll(List.of(
                    Account.builder().name("Batch One").domain("batch-one.example").build(),
                    Account.builder().domain("batch-two.example").build(),
                    Account.builder().domain("batch-three.example").employees(-1L).build()));
            assertThat(r.get(0).result().record().domain()).isEqualTo("batch-one.example");
            assertThat(r.get(1).result().record().name()).isEqualTo("batch-two.example");
            assertThat(r.get(2).error()).isInstanceOfSatisfying(CrmValidationException.class,
                    e -> assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field)
                            .containsExactly("employees"));
        }
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("findByEmail and findByDomain find the CC0 sample records case-insensitively")
        void findSampleData() {
            assertThat(client.contacts().findByEmail("LSINISBURY0@dropbox.com"))
                    .hasValueSatisfying(c -> {
                        assertThat(c.lastName()).isEqualTo("Sinisbury");
                        assertThat(c.accountId()).isNotNull();
                    });
            JsonNode seeded = org.sim.records("Account").stream()
                    .filter(a -> a.hasNonNull(SalesforceSimulator.ACCOUNT_KEY_FIELD)).findFirst().orElseThrow();
            String domain = seeded.get(SalesforceSimulator.ACCOUNT_KEY_FIELD).asText();
            assertThat(client.accounts().findByDomain("https://WWW." + domain + "/about"))
                    .hasValueSatisfying(a -> assertThat(a.name()).isEqualTo(seeded.get("Name").asText()));
            assertThat(client.contacts().findByEmail("nobody-here@example.com")).isEmpty();
        }

        @Test
        @DisplayName("get of an unknown or malformed id is CrmNotFoundException")
        void notFound() {
            assertThatThrownBy(() -> client.contacts().get("003SIM999999999AAA")).isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> client.contacts().get("nope")).isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> client.accounts().get("003SIM000000001AAA"))
                    .as("a contact id is not an account id").isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> client.contacts().changedSince(Instant.EPOCH, PageRequest.first(5).next("%%%")))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                            .extracting(CrmValidationException.FieldError::code).containsExactly("INVALID_CURSOR"));
        }

        @Test
        @DisplayName("changedSince pages through every contact exactly once, oldest first, following nextRecordsUrl inside a page")
        void changedSincePaging() {
            List<Contact> more = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                more.add(Contact.builder().email("paging" + i + "@example.com").lastName("Paging").build());
            }
            assertThat(client.contacts().upsertAll(more)).allMatch(BatchItemResult::isSuccess);
            Map<String, String> config = org.jwtConfig();
            config.put("queryBatchSize", "200");
            try (SalesforceCrmClient small = org.client(config)) {
                int locatorCallsBefore = org.sim.server().findAll(getRequestedFor(urlPathMatching(API + "/query/.+"))).size();
                List<Contact> all = Page.stream(p -> small.contacts().changedSince(Instant.EPOCH, p), 300).toList();
                Set<String> ids = all.stream().map(c -> c.id().value()).collect(Collectors.toSet());
                assertThat(ids).hasSize(all.size()).hasSize(org.sim.records("Contact").size());
                for (int i = 1; i < all.size(); i++) {
                    assertThat(all.get(i).updatedAt()).isAfterOrEqualTo(all.get(i - 1).updatedAt());
                }
                assertThat(org.sim.server().findAll(getRequestedFor(urlPathMatching(API + "/query/.+"))).size())
                        .as("batches of 200 followed by nextRecordsUrl").isGreaterThan(locatorCallsBefore);
                LoggedRequest q = org.sim.server().findAll(getRequestedFor(urlPathEqualTo(API + "/query"))).stream()
                        .reduce((x, y) -> y).orElseThrow();
                assertThat(q.getHeader("Sforce-Query-Options")).isEqualTo("batchSize=200");
                assertThat(q.queryParameter("q").firstValue()).contains("SystemModstamp > 1970-01-01T00:00:00Z")
                        .contains("ORDER BY SystemModstamp ASC, Id ASC");
            }
        }

        @Test
        @DisplayName("changedSince is strictly after the bound, on SystemModstamp's whole seconds")
        void changedSinceBound() {
            Contact untouched = client.contacts().upsert(Contact.builder().email("stale@example.com").lastName("Stale")
                    .build()).record();
            Contact c = client.contacts().upsert(Contact.builder().email("fresh@example.com").lastName("Fresh").build())
                    .record();
            Instant since = c.updatedAt();
            assertThat(client.contacts().changedSince(since, PageRequest.first(1000)).items())
                    .extracting(Contact::id).doesNotContain(c.id(), untouched.id());
            org.sim.advanceClock(java.time.Duration.ofSeconds(1));
            Contact updated = client.contacts().upsert(Contact.builder().email("fresh@example.com").title("Lead")
                    .build()).record();
            assertThat(updated.updatedAt()).isAfter(since);
            assertThat(client.contacts().changedSince(since, PageRequest.first(1000)).items())
                    .extracting(Contact::id).contains(c.id()).doesNotContain(untouched.id());
            assertThat(client.contacts().changedSince(since.plusMillis(500), PageRequest.first(1000)).items())
                    .as("a bound inside a second means the records of the next second on").extracting(Contact::id)
                    .contains(c.id());
        }
    }
}
