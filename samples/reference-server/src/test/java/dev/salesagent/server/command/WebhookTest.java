package dev.salesagent.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.hubspot.HubSpotWebhookVerifier;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.server.command.webhook.SharedSecretSignature;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** CRM webhooks: signatures with the tenant's secret, replay window, duplicate deliveries, and the sync they start. */
class WebhookTest extends PlatformTestSupport {

    static final String SECRET = "whsec-" + UUID.randomUUID();

    @Autowired
    InMemoryTenantCrmClients crms;

    /** A tenant with a synced read model, the fixture CRM and the three webhook secrets. */
    private Session tenant(String name) throws Exception {
        Session owner = register(name);
        CommandFixtures.seed(crms.memory(owner.tenantId()));
        for (String source : List.of("hubspot", "salesforce", "netsuite")) {
            mvc.perform(owner.auth(put("/api/v1/tenant/secrets/webhook." + source))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"" + SECRET + "\"}"))
                    .andExpect(status().isNoContent());
        }
        mvc.perform(owner.auth(get("/api/v1/orders"))).andExpect(status().isOk()); // initial sync
        return owner;
    }

    /** An order placed in the CRM behind the server's back (the change a webhook announces). */
    static SalesOrder newCrmOrder(InMemoryCrmClient crm, String number) {
        Account acme = crm.accounts().changedSince(Instant.EPOCH, dev.salesagent.crm.PageRequest.first()).items()
                .stream().filter(a -> a.name().equals(CommandFixtures.CUSTOMER)).findFirst().orElseThrow();
        return crm.seedSalesOrder(SalesOrder.builder().customerId(acme.id())
                .lines(List.of(SalesOrderLine.ofSku(CommandFixtures.HAT_SKU, new BigDecimal("2"),
                        CommandFixtures.HAT_PRICE)))
                .status(SalesOrderStatus.PENDING).orderDate(LocalDate.now()).customFields(Map.of("orderNumber", number))
                .build());
    }

    static MockHttpServletRequestBuilder signed(String source, String tenant, String eventId, String body,
                                                long epochSeconds, String secret) {
        String ts = Long.toString(epochSeconds);
        return post("/webhooks/" + source).param("tenant", tenant).contentType(MediaType.APPLICATION_JSON)
                .header(SharedSecretSignature.TIMESTAMP_HEADER, ts)
                .header(SharedSecretSignature.SIGNATURE_HEADER, SharedSecretSignature.sign(secret, ts, body))
                .header(SharedSecretSignature.EVENT_ID_HEADER, eventId).content(body);
    }

    @Test
    @DisplayName("a signed Salesforce delivery syncs the new CRM order into the read model; its duplicate does not")
    void salesforceSignedAndDeduplicated() throws Exception {
        Session owner = tenant("Hooks SF");
        SalesOrder order = newCrmOrder(crms.memory(owner.tenantId()), "SF-1");
        mvc.perform(owner.auth(get("/api/v1/orders/" + order.id().value()))).andExpect(status().isNotFound());
        String body = "{\"type\":\"order.created\",\"objectId\":\"" + order.id().value() + "\"}";
        long now = Instant.now().getEpochSecond();
        mvc.perform(signed("salesforce", owner.tenantId().toString(), "evt-1", body, now, SECRET).with(randomClient()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.processed").value(1))
                .andExpect(jsonPath("$.orders_created").value(1));
        mvc.perform(owner.auth(get("/api/v1/orders/" + order.id().value()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.order_number").value("SF-1"));
        // the same event again: processed once
        newCrmOrder(crms.memory(owner.tenantId()), "SF-2");
        mvc.perform(signed("salesforce", owner.tenantId().toString(), "evt-1", body, now, SECRET).with(randomClient()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.processed").value(0))
                .andExpect(jsonPath("$.duplicates").value(1)).andExpect(jsonPath("$.orders_synced").doesNotExist());
        mvc.perform(owner.auth(get("/api/v1/orders").param("customer", "acme"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));
        assertThat(jdbc.sql("select count(*) from cmd_webhook_event where tenant_id = ?").param(owner.tenantId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad signature, wrong secret, stale or future timestamp, unknown tenant and no secret -> 401")
    void refusedDeliveries() throws Exception {
        Session owner = tenant("Hooks Refused");
        String t = owner.tenantId().toString();
        String body = "{\"id\":\"evt-x\"}";
        long now = Instant.now().getEpochSecond();
        mvc.perform(signed("netsuite", t, "e1", body, now, "wrong-secret").with(randomClient()))
                .andExpect(status().isUnauthorized());
        mvc.perform(signed("netsuite", t, "e2", body, now - 301, SECRET).with(randomClient()))
                .andExpect(status().isUnauthorized());
        mvc.perform(signed("netsuite", t, "e3", body, now + 301, SECRET).with(randomClient()))
                .andExpect(status().isUnauthorized());
        mvc.perform(signed("netsuite", t, "e4", body, now, SECRET).content("{\"id\":\"evt-y\"}")
                .with(randomClient())).andExpect(status().isUnauthorized()); // body changed after signing
        mvc.perform(post("/webhooks/netsuite").param("tenant", t).content(body).with(randomClient()))
                .andExpect(status().isUnauthorized());
        mvc.perform(signed("netsuite", UUID.randomUUID().toString(), "e5", body, now, SECRET).with(randomClient()))
                .andExpect(status().isUnauthorized());
        Session noSecret = register("Hooks No Secret");
        mvc.perform(signed("netsuite", noSecret.tenantId().toString(), "e6", body, now, SECRET).with(randomClient()))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from cmd_webhook_event where tenant_id = ?").param(owner.tenantId())
                .query(Long.class).single()).isZero();
        // the event id may come in the body (NetSuite) when the header is absent
        mvc.perform(signed("netsuite", t, "", body, now, SECRET).with(randomClient())).andExpect(status().isOk())
                .andExpect(jsonPath("$.processed").value(1));
        assertThat(jdbc.sql("select event_id from cmd_webhook_event where tenant_id = ?").param(owner.tenantId())
                .query(String.class).single()).isEqualTo("evt-x");
    }

    @Test
    @DisplayName("HubSpot: signature v3 with the app secret, events de-duplicated by eventId, replay refused")
    void hubspot() throws Exception {
        Session owner = tenant("Hooks HubSpot");
        SalesOrder order = newCrmOrder(crms.memory(owner.tenantId()), "HS-1");
        String body = "[{\"eventId\":101,\"subscriptionId\":1,\"portalId\":62515,\"appId\":7,\"occurredAt\":"
                + System.currentTimeMillis() + ",\"subscriptionType\":\"deal.creation\",\"attemptNumber\":0,"
                + "\"objectId\":123,\"changeSource\":\"CRM\"},{\"eventId\":102,\"subscriptionId\":1,\"portalId\":62515,"
                + "\"appId\":7,\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":"
                + "\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":123,\"propertyName\":\"amount\","
                + "\"propertyValue\":\"10\",\"changeSource\":\"CRM\"}]";
        String uri = "http://localhost/webhooks/hubspot?tenant=" + owner.tenantId();
        HubSpotWebhookVerifier verifier = HubSpotWebhookVerifier.of(SECRET);
        String ts = Long.toString(System.currentTimeMillis());
        MvcResult r = mvc.perform(post(uri)
                        .with(randomClient()).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HubSpotWebhookVerifier.TIMESTAMP_HEADER, ts)
                        .header(HubSpotWebhookVerifier.SIGNATURE_HEADER, verifier.sign("POST", uri, body, ts)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.processed").value(2)).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("\"orders_created\":1");
        mvc.perform(owner.auth(get("/api/v1/orders/" + order.id().value()))).andExpect(status().isOk());
        mvc.perform(post(uri).with(randomClient())
                        .contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HubSpotWebhookVerifier.TIMESTAMP_HEADER, ts)
                        .header(HubSpotWebhookVerifier.SIGNATURE_HEADER, verifier.sign("POST", uri, body, ts)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.duplicates").value(2));
        String old = Long.toString(System.currentTimeMillis() - 6 * 60 * 1000);
        mvc.perform(post(uri).with(randomClient())
                        .contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HubSpotWebhookVerifier.TIMESTAMP_HEADER, old)
                        .header(HubSpotWebhookVerifier.SIGNATURE_HEADER, verifier.sign("POST", uri, body, old)))
                .andExpect(status().isUnauthorized());
        mvc.perform(post(uri).with(randomClient())
                        .contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HubSpotWebhookVerifier.TIMESTAMP_HEADER, ts)
                        .header(HubSpotWebhookVerifier.SIGNATURE_HEADER, "bm90IGEgc2lnbmF0dXJl"))
                .andExpect(status().isUnauthorized());
    }
}
