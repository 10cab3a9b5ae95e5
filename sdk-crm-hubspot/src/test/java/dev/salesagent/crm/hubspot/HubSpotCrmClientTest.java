package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.UnsupportedCapabilityException;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Behaviour of the adapter against the stateful simulator. */
class HubSpotCrmClientTest {

    SimulatedHubSpot hs;

    @BeforeEach
    void start() {
        hs = SimulatedHubSpot.start();
    }

    @AfterEach
    void stop() {
        hs.close();
    }

    static Contact contact(String email) {
        return Contact.builder().email(email).firstName("F").lastName("L").build();
    }

    @Nested
    @DisplayName("contacts")
    class Contacts {

        @Test
        @DisplayName("upsert tells created from updated by HubSpot's 'new' flag and matches e-mails case-insensitively")
        void createdThenUpdated() {
            var first = hs.client.contacts().upsert(contact("Ada@Example.com"));
            var second = hs.client.contacts().upsert(Contact.builder().email("ADA@example.com").title("CTO").build());
            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.record().id()).isEqualTo(first.record().id());
            assertThat(second.record().firstName()).isEqualTo("F");
            assertThat(second.record().title()).isEqualTo("CTO");
            assertThat(hs.sim.all("contacts")).hasSize(1);
        }

        @Test
        @DisplayName("upsertAll of 250 uses 3 batch calls, keeps input order and puts a bad e-mail's error on that item only")
        void batchWithOneBadItem() {
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                input.add(contact(i == 137 ? "not-an-email" : "c" + i + "@example.com"));
            }
            List<BatchItemResult<Contact>> results = hs.client.contacts().upsertAll(input);
            assertThat(results).hasSize(250);
            assertThat(hs.sim.calls("POST", "/crm/v3/objects/contacts/batch/upsert")).hasSize(3);
            for (int i = 0; i < 250; i++) {
                BatchItemResult<Contact> r = results.get(i);
                assertThat(r.index()).isEqualTo(i);
                if (i == 137) {
                    assertThat(r.isSuccess()).isFalse();
                    assertThat(r.error()).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(207);
                        assertThat(e.fieldErrors()).extracting(f -> f.field() + ":" + f.code()).containsExactly("email:INVALID_EMAIL");
                    });
                } else {
                    assertThat(r.isSuccess()).as("item %d", i).isTrue();
                    assertThat(r.result().record().email()).isEqualTo("c" + i + "@example.com");
                }
            }
            assertThat(hs.sim.all("contacts")).hasSize(249);
        }

        @Test
        @DisplayName("a 400 for a whole batch fails the items of that batch only; other batches land")
        void wholeBatchRejected() {
            hs.sim.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                    .post(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/crm/v3/objects/contacts/batch/upsert"))
                    .atPriority(1).inScenario("one bad batch")
                    .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("done")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"error\",\"message\":\"Invalid input JSON on line 1\","
                                    + "\"correlationId\":\"bad-batch-1\",\"category\":\"VALIDATION_ERROR\"}")));
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                input.add(contact("w" + i + "@example.com"));
            }
            List<BatchItemResult<Contact>> results = hs.client.contacts().upsertAll(input);
            assertThat(results.subList(0, 100)).allSatisfy(r -> {
                assertThat(r.isSuccess()).isFalse();
                assertThat(r.error()).isInstanceOf(CrmValidationException.class);
                assertThat(r.error().requestId()).isEqualTo("bad-batch-1");
            });
            assertThat(results.subList(100, 150)).allMatch(BatchItemResult::isSuccess);
            assertThat(hs.sim.all("contacts")).hasSize(50);
        }

        @Test
        @DisplayName("a repeated e-mail in one list goes to a later batch, so HubSpot never sees duplicate ids")
        void duplicateKeys() {
            List<BatchItemResult<Contact>> results = hs.client.contacts().upsertAll(List.of(
                    contact("a@example.com"), contact("b@example.com"),
                    Contact.builder().email("A@example.com").title("second").build()));
            assertThat(results).allMatch(BatchItemResult::isSuccess);
            assertThat(results.get(0).result().created()).isTrue();
            assertThat(results.get(2).result().created()).isFalse();
            assertThat(results.get(2).result().record().title()).isEqualTo("second");
            assertThat(hs.sim.calls("POST", "/crm/v3/objects/contacts/batch/upsert")).hasSize(2);
        }

        @Test
        @DisplayName("missing e-mails fail client-side without a call; a missing id is CrmNotFoundException with correlation id")
        void missingKeyAndNotFound() {
            List<BatchItemResult<Contact>> r = hs.client.contacts().upsertAll(List.of(Contact.builder().firstName("x").build()));
            assertThat(r.get(0).error()).isInstanceOf(CrmValidationException.class);
            assertThat(hs.sim.calls()).isEmpty();
            assertThatThrownBy(() -> hs.client.contacts().get("999999"))
                    .isInstanceOfSatisfying(CrmNotFoundException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(404);
                        assertThat(e.vendorCode()).isEqualTo("OBJECT_NOT_FOUND");
                        assertThat(e.requestId()).isNotBlank();
                    });
            assertThat(hs.client.contacts().findByEmail("nobody@example.com")).isEmpty();
        }

        @Test
        @DisplayName("get and changedSince return the associated company as accountId")
        void accountOnReads() {
            String companyId = hs.sim.seed("companies", Map.of("domain", "acme.com", "name", "Acme"));
            Instant before = Instant.now().minusSeconds(1);
            Contact c = hs.client.contacts().upsert(Contact.builder().email("z@acme.com")
                    .accountId(CrmId.of("hubspot", companyId)).build()).record();
            assertThat(hs.client.contacts().get(c.id().value()).accountId().value()).isEqualTo(companyId);
            Page<Contact> page = hs.client.contacts().changedSince(before, PageRequest.first(10));
            assertThat(page.items()).extracting(x -> x.accountId().value()).containsExactly(companyId);
        }

        @Test
        @DisplayName("changedSince pages with HubSpot's after cursor through all records")
        void paging() {
            Instant before = Instant.now().minusSeconds(1);
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                input.add(contact("p" + i + "@example.com"));
            }
            hs.client.contacts().upsertAll(input);
            List<Contact> all = Page.stream(p -> hs.client.contacts().changedSince(before, p), 1000).toList();
            assertThat(all).hasSize(450);
            assertThat(all).extracting(Contact::email).doesNotHaveDuplicates();
            // 1000 requested, HubSpot caps at 200 per page: 3 searches
            assertThat(hs.sim.calls("POST", "/crm/v3/objects/contacts/search")).hasSize(3);
        }
    }

    @Nested
    @DisplayName("notes")
    class Notes {

        @Test
        @DisplayName("a body longer than 65,536 characters is rejected, never truncated, and nothing is sent")
        void tooLong() {
            String contactId = hs.sim.seed("contacts", Map.of("email", "n@example.com"));
            String body = "x".repeat(65_537);
            assertThatThrownBy(() -> hs.client.notes().create(NoteTarget.contact(CrmId.of("hubspot", contactId)), body))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("body"));
            assertThat(hs.sim.calls()).isEmpty();
            Note ok = hs.client.notes().create(NoteTarget.contact(CrmId.of("hubspot", contactId)), "y".repeat(65_536));
            assertThat(ok.body()).hasSize(65_536);
        }

        @Test
        @DisplayName("notes list oldest first for their target only; a missing target is CrmNotFoundException")
        void listAndMissingTarget() {
            Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
            MutableClock clock = new MutableClock(t0);
            String a = hs.sim.seed("companies", Map.of("domain", "a.com"));
            String b = hs.sim.seed("companies", Map.of("domain", "b.com"));
            try (HubSpotCrmClient client = hs.newClient(Map.of(), clock)) {
                NoteTarget ta = NoteTarget.account(CrmId.of("hubspot", a));
                client.notes().create(ta, "first");
                clock.set(t0.plusSeconds(60));
                client.notes().create(NoteTarget.account(CrmId.of("hubspot", b)), "other");
                client.notes().create(ta, "second");
                Page<Note> notes = client.notes().list(ta, PageRequest.first(10));
                assertThat(notes.items()).extracting(Note::body).containsExactly("first", "second");
                assertThat(notes.items().get(0).timestamp()).isEqualTo(t0);
                assertThat(notes.items().get(0).target()).isEqualTo(ta);
                assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(CrmId.of("hubspot", "424242")), "x"))
                        .isInstanceOf(CrmNotFoundException.class);
            }
        }
    }

    @Nested
    @DisplayName("deals")
    class Deals {

        @Test
        @DisplayName("stage ids read as pipeline labels; search and update accept labels; pipelines are fetched once")
        void stagesAndSearch() {
            String company = hs.sim.seed("companies", Map.of("domain", "acme.com"));
            String d1 = hs.sim.seed("deals", Map.of("dealname", "Small", "dealstage", "contractsent", "amount", "900",
                    "closedate", "2026-02-10T00:00:00Z", "hubspot_owner_id", "7"));
            String d2 = hs.sim.seed("deals", Map.of("dealname", "Big", "dealstage", "contractsent", "amount", "5000",
                    "closedate", "2026-03-31T00:00:00Z", "hubspot_owner_id", "7", "deal_currency_code", "EUR"));
            hs.sim.seed("deals", Map.of("dealname", "Lost", "dealstage", "closedlost", "amount", "5000",
                    "closedate", "2026-03-01T00:00:00Z", "hubspot_owner_id", "7"));
            hs.sim.associate("deals", d2, "companies", company);
            Page<Opportunity> page = hs.client.opportunities().search(OpportunitySearch.builder().ownerId("7")
                    .stage("Contract Sent").closeDateTo(LocalDate.of(2026, 3, 31)).minAmount(new BigDecimal("1000")).build(),
                    PageRequest.first(10));
            assertThat(page.items()).singleElement().satisfies(o -> {
                assertThat(o.id().value()).isEqualTo(d2);
                assertThat(o.stage()).isEqualTo("Contract Sent");
                assertThat(o.currency()).isEqualTo("EUR");
                assertThat(o.closeDate()).isEqualTo(LocalDate.of(2026, 3, 31));
                assertThat(o.accountId().value()).isEqualTo(company);
            });
            Opportunity updated = hs.client.opportunities().update(d1, OpportunityUpdate.builder().stage("closed won").build());
            assertThat(updated.stage()).isEqualTo("Closed Won");
            assertThat(updated.amount()).isEqualByComparingTo("900");
            assertThat(hs.client.opportunities().get(d1).currency()).isEqualTo("USD");
            assertThat(hs.sim.calls("GET", "/crm/v3/pipelines/deals")).hasSize(1);
        }

        @Test
        @DisplayName("an unknown stage is a validation error before any write")
        void unknownStage() {
            String d = hs.sim.seed("deals", Map.of("dealname", "X", "dealstage", "qualifiedtobuy"));
            assertThatThrownBy(() -> hs.client.opportunities().update(d, OpportunityUpdate.builder().stage("Won-ish").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.getMessage()).contains("Won-ish", "Closed Won"));
            assertThat(hs.sim.calls("PATCH", "/crm/v3/objects/deals")).isEmpty();
        }

        @Test
        @DisplayName("the pipeline cache expires after pipelineCacheTtl on the injected clock")
        void cacheExpiry() {
            Instant now = Instant.parse("2026-05-01T10:00:00Z");
            String d = hs.sim.seed("deals", Map.of("dealname", "X", "dealstage", "qualifiedtobuy"));
            MutableClock mutable = new MutableClock(now);
            try (HubSpotCrmClient client = hs.newClient(Map.of("pipelineCacheTtl", "5m"), mutable)) {
                client.opportunities().get(d);
                mutable.set(now.plus(Duration.ofMinutes(4)));
                client.opportunities().get(d);
                assertThat(hs.sim.calls("GET", "/crm/v3/pipelines/deals")).hasSize(1);
                mutable.set(now.plus(Duration.ofMinutes(6)));
                client.opportunities().get(d);
                assertThat(hs.sim.calls("GET", "/crm/v3/pipelines/deals")).hasSize(2);
            }
        }
    }

    @Nested
    @DisplayName("products")
    class Products {

        @Test
        @DisplayName("find by SKU is exact; text search pages")
        void products() {
            hs.sim.seed("products", Map.of("hs_sku", "EB-100", "name", "E-bike", "price", "1999.00"));
            hs.sim.seed("products", Map.of("hs_sku", "eb-100x", "name", "E-bike XL", "price", "2999"));
            Product p = hs.client.products().findBySku("EB-100").orElseThrow();
            assertThat(p.name()).isEqualTo("E-bike");
            assertThat(p.unitPrice()).isEqualByComparingTo("1999");
            assertThat(p.currency()).isEqualTo("USD");
            assertThat(p.active()).isTrue();
            assertThat(hs.client.products().findBySku("EB-1")).isEmpty();
            assertThat(hs.client.products().search("xl", PageRequest.first(10)).items()).extracting(Product::sku)
                    .containsExactly("eb-100x");
            assertThat(hs.client.products().get(p.id().value())).isEqualTo(p);
        }
    }

    @Nested
    @DisplayName("rate limits, auth and capabilities")
    class Limits {

        @Test
        @DisplayName("429 TEN_SECONDLY_ROLLING is retried after the window the headers ask for")
        void rollingRetried() {
            hs.sim.tenSecondLimit(1_000_000).rateLimitEvery(2);
            hs.client.contacts().findByEmail("a@example.com");
            hs.client.contacts().findByEmail("b@example.com");
            assertThat(hs.sim.calls()).extracting(c -> c.status()).containsExactly(404, 429, 404);
            assertThat(hs.waits).containsExactly(Duration.ofSeconds(10));
        }

        @Test
        @DisplayName("429 DAILY fails fast with a quota-exhausted exception and no retry")
        void dailyFailsFast() {
            hs.sim.dailyLimit(0);
            assertThatThrownBy(() -> hs.client.contacts().upsert(contact("d@example.com")))
                    .isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
                        assertThat(e.quotaExhausted()).isTrue();
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.vendorCode()).isEqualTo("DAILY");
                        assertThat(e.requestId()).isNotBlank();
                    });
            assertThat(hs.sim.calls()).hasSize(1);
        }

        @Test
        @DisplayName("the client-side daily limit fails fast without sending")
        void clientSideDaily() {
            try (HubSpotCrmClient client = hs.newClient(Map.of("dailyLimit", "2"), Clock.systemUTC())) {
                client.contacts().findByEmail("a@example.com");
                client.contacts().findByEmail("b@example.com");
                assertThatThrownBy(() -> client.contacts().findByEmail("c@example.com"))
                        .isInstanceOfSatisfying(CrmRateLimitException.class, e -> assertThat(e.quotaExhausted()).isTrue());
            }
            assertThat(hs.sim.calls()).hasSize(2);
        }

        @Test
        @DisplayName("OAuth: token from the refresh-token grant, refreshed once after a 401")
        void oauthRefresh() {
            hs.sim.oauthApp("client-1", "secret-1", "refresh-1", Duration.ofMinutes(30));
            try (HubSpotCrmClient client = hs.newClient(
                    Map.of("clientId", "client-1", "clientSecret", "secret-1", "refreshToken", "refresh-1"), Clock.systemUTC())) {
                client.contacts().upsert(contact("o@example.com"));
                assertThat(hs.sim.tokensIssued()).isEqualTo(1);
                hs.sim.expireAllTokens();
                assertThat(client.contacts().findByEmail("o@example.com")).isPresent();
                assertThat(hs.sim.tokensIssued()).isEqualTo(2);
            }
            assertThat(hs.sim.calls("POST", "/oauth/v1/token")).hasSize(2);
            assertThat(hs.sim.calls()).extracting(c -> c.status()).contains(401);
        }

        @Test
        @DisplayName("OAuth: the token is refreshed before it expires, without a 401")
        void oauthProactiveRefresh() {
            hs.sim.oauthApp("client-1", "secret-1", "refresh-1", Duration.ofMinutes(5));
            MutableClock clock = MutableClock.startingNow();
            Instant start = clock.instant();
            try (HubSpotCrmClient client = hs.newClient(
                    Map.of("clientId", "client-1", "clientSecret", "secret-1", "refreshToken", "refresh-1"), clock)) {
                client.contacts().findByEmail("p@example.com");
                clock.set(start.plus(Duration.ofMinutes(3)));
                client.contacts().findByEmail("p@example.com");
                assertThat(hs.sim.tokensIssued()).isEqualTo(1);
                clock.set(start.plus(Duration.ofMinutes(4).plusSeconds(30)));
                client.contacts().findByEmail("p@example.com");
                assertThat(hs.sim.tokensIssued()).isEqualTo(2);
            }
            assertThat(hs.sim.calls()).extracting(c -> c.status()).doesNotContain(401);
        }

        @Test
        @DisplayName("every HTTP attempt is timed in salesagent.crm.requests with provider and operation tags")
        void metrics() {
            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            try (HubSpotCrmClient client = HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(Map.of(
                            "accessToken", SimulatedHubSpot.TOKEN, "baseUrl", hs.sim.baseUrl()))))
                    .options(CrmClientOptions.builder().meterRegistry(registry).build()).build()) {
                client.contacts().upsert(contact("m@example.com"));
                client.contacts().findByEmail("m@example.com");
            }
            assertThat(registry.find("salesagent.crm.requests").tags("provider", "hubspot", "operation",
                    "contacts.batchUpsert").timer()).isNotNull().satisfies(t -> assertThat(t.count()).isEqualTo(1));
            assertThat(registry.find("salesagent.crm.requests").tags("operation", "contacts.getByProperty").timer())
                    .isNotNull();
        }

        @Test
        @DisplayName("the webhook verifier comes from appSecret; without it the client says which key is missing")
        void webhookVerifier() {
            try (HubSpotCrmClient client = hs.newClient(Map.of("appSecret", "s3cret"), Clock.systemUTC())) {
                HubSpotWebhookVerifier v = client.webhookVerifier();
                String ts = String.valueOf(Instant.now().toEpochMilli());
                String sig = v.sign("POST", "https://x.example.com/hook", "[]", ts);
                assertThat(v.verify("POST", "https://x.example.com/hook", "[]", sig, ts).isValid()).isTrue();
            }
            assertThatThrownBy(() -> hs.client.webhookVerifier())
                    .isInstanceOfSatisfying(CrmConfigurationException.class,
                            e -> assertThat(e.problems()).singleElement().asString().contains("appSecret"));
        }

        @Test
        @DisplayName("a wrong token is CrmAuthenticationException (not retried)")
        void badToken() {
            try (HubSpotCrmClient client = hs.newClient(Map.of("accessToken", "wrong"), Clock.systemUTC())) {
                assertThatThrownBy(() -> client.contacts().get("1"))
                        .isInstanceOf(dev.salesagent.crm.CrmAuthenticationException.class)
                        .hasMessageContaining("INVALID_AUTHENTICATION");
            }
            assertThat(hs.sim.calls()).hasSize(1);
        }

        @Test
        @DisplayName("declares contacts, accounts, notes, opportunities and products only")
        void capabilities() {
            assertThat(hs.client.capabilities()).containsExactlyInAnyOrder(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS,
                    CrmCapability.NOTES, CrmCapability.OPPORTUNITIES, CrmCapability.PRODUCTS, CrmCapability.CONTACT_DELETE);
            assertThatThrownBy(() -> hs.client.salesOrders()).isInstanceOf(UnsupportedCapabilityException.class);
            assertThatThrownBy(() -> hs.client.inventory()).isInstanceOf(UnsupportedCapabilityException.class);
            assertThatThrownBy(() -> hs.client.customers()).isInstanceOf(UnsupportedCapabilityException.class);
        }

        @Test
        @DisplayName("discovered by CrmClients as 'hubspot'; invalid configuration lists every problem")
        void discovery() {
            try (CrmClient c = CrmClients.create("hubspot",
                    CrmConfig.of(Map.of("accessToken", SimulatedHubSpot.TOKEN, "baseUrl", hs.sim.baseUrl())))) {
                assertThat(c).isInstanceOf(HubSpotCrmClient.class);
                assertThat(c.providerId()).isEqualTo("hubspot");
            }
            assertThatThrownBy(() -> CrmClients.create("hubspot", CrmConfig.of(Map.of("apiVersion", "v9"))))
                    .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems()).hasSize(2));
        }
    }
}
