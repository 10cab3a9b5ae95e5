package dev.salesagent.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Sales-order drafts over the API: draft -> approved -> submitted exactly once, edits, rejection, validation. */
class TransactionFlowTest extends PlatformTestSupport {

    @Autowired
    InMemoryTenantCrmClients crms;

    private static final String DRAFT = "{\"draft\":{\"customer\":\"acme hat\",\"lines\":[{\"product\":\"baseball hats\","
            + "\"quantity\":500,\"unit_price\":50}]}}";

    private String create(Session s, String body) throws Exception {
        MvcResult r = mvc.perform(s.auth(post("/api/v1/transactions/create")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn();
        return read(r, "$.id");
    }

    private static List<SalesOrder> orders(InMemoryCrmClient crm) {
        return Page.stream(p -> crm.salesOrders().search(SalesOrderSearch.all(), p), PageRequest.MAX_SIZE).toList();
    }

    private long audited(Session s, String id, String action) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and target_id = ? and action = ?")
                .params(s.tenantId(), id, action).query(Long.class).single();
    }

    @Test
    @DisplayName("a draft from words is validated, approved once, submitted once, audited and put in the read model")
    void draftApprovedSubmittedOnce() throws Exception {
        Session owner = register("Tx Words");
        InMemoryCrmClient crm = crms.memory(owner.tenantId());
        CommandFixtures.seed(crm);
        String id = create(owner, "{\"request\":\"Create a sales order for Acme Hat Company, 500 baseball hats, "
                + "$50 each\"}");
        mvc.perform(owner.auth(get("/api/v1/transactions/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.draft.customer").value(CommandFixtures.CUSTOMER))
                .andExpect(jsonPath("$.draft.lines[0].sku").value(CommandFixtures.HAT_SKU))
                .andExpect(jsonPath("$.draft.lines[0].quantity").value(500));
        MvcResult approved = mvc.perform(owner.auth(post("/api/v1/transactions/" + id + "/approve")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("submitted")).andReturn();
        String orderId = read(approved, "$.order_id");
        assertThat(orders(crm)).singleElement().satisfies(o -> {
            assertThat(o.id().value()).isEqualTo(orderId);
            assertThat(o.total()).isEqualByComparingTo("25000");
        });
        // approving again answers the same submitted transaction and creates nothing
        mvc.perform(owner.auth(post("/api/v1/transactions/" + id + "/approve"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.order_id").value(orderId));
        assertThat(orders(crm)).hasSize(1);
        assertThat(audited(owner, id, "transaction.created")).isEqualTo(1);
        assertThat(audited(owner, id, "transaction.approved")).isEqualTo(1);
        assertThat(audited(owner, id, "transaction.submitted")).isEqualTo(1);
        mvc.perform(owner.auth(get("/api/v1/orders/" + orderId))).andExpect(status().isOk())
                .andExpect(jsonPath("$.customer_name").value(CommandFixtures.CUSTOMER))
                .andExpect(jsonPath("$.owner_id").value(owner.userId().toString()))
                .andExpect(jsonPath("$.lines[0].quantity").value(500));
        // no edits or rejection once submitted
        mvc.perform(owner.auth(post("/api/v1/transactions/" + id + "/reject"))).andExpect(status().isConflict());
    }

    @Test
    @DisplayName("two concurrent approvals of one draft submit it once")
    void concurrentApprovalsSubmitOnce() throws Exception {
        Session owner = register("Tx Race");
        Session manager = createUser(owner, "sales_manager");
        InMemoryCrmClient crm = crms.memory(owner.tenantId());
        CommandFixtures.seed(crm);
        for (int round = 0; round < 3; round++) {
            String id = create(owner, DRAFT);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<MvcResult>> calls = new ArrayList<>();
            for (Session s : List.of(owner, manager)) {
                Callable<MvcResult> call = () -> {
                    start.await();
                    return mvc.perform(s.auth(post("/api/v1/transactions/" + id + "/approve"))).andReturn();
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<MvcResult> f : calls) {
                statuses.add(f.get().getResponse().getStatus());
            }
            pool.shutdown();
            assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
            mvc.perform(owner.auth(get("/api/v1/transactions/" + id))).andExpect(jsonPath("$.status")
                    .value("submitted"));
            assertThat(audited(owner, id, "transaction.submitted")).isEqualTo(1);
            assertThat(orders(crm)).hasSize(round + 1);
        }
    }

    @Test
    @DisplayName("a draft with issues cannot be approved (422 with the issues); an edit fixes it; a rejection ends it")
    void validationEditAndReject() throws Exception {
        Session owner = register("Tx Edit");
        InMemoryCrmClient crm = crms.memory(owner.tenantId());
        CommandFixtures.seed(crm);
        String id = create(owner, "{\"draft\":{\"customer\":\"Acme Hat Company\",\"lines\":[{\"product\":\"Baseball Hat\","
                + "\"quantity\":10,\"unit_price\":5}]}}");
        mvc.perform(owner.auth(post("/api/v1/transactions/" + id + "/approve")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.issues[0].code").value("PRICE_OUT_OF_RANGE"));
        mvc.perform(owner.auth(patch("/api/v1/transactions/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"product\":\"Baseball Hat\",\"quantity\":10,\"unit_price\":49.5}]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.status").value("draft"));
        assertThat(audited(owner, id, "transaction.edited")).isEqualTo(1);
        mvc.perform(owner.auth(post("/api/v1/transactions/" + id + "/approve"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("submitted"));
        assertThat(orders(crm)).singleElement().satisfies(o -> assertThat(o.total()).isEqualByComparingTo("495"));

        String rejected = create(owner, DRAFT);
        mvc.perform(owner.auth(post("/api/v1/transactions/" + rejected + "/reject"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"duplicate of last week\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("rejected"))
                .andExpect(jsonPath("$.reason").value("duplicate of last week"));
        mvc.perform(owner.auth(post("/api/v1/transactions/" + rejected + "/approve"))).andExpect(status().isConflict());
        assertThat(orders(crm)).hasSize(1);
        assertThat(audited(owner, rejected, "transaction.rejected")).isEqualTo(1);
    }

    @Test
    @DisplayName("a sales rep sees only their own drafts; another tenant's id is 404")
    void scopes() throws Exception {
        Session owner = register("Tx Scope");
        CommandFixtures.seed(crms.memory(owner.tenantId()));
        Session rep = createUser(owner, "sales_rep");
        String ownersDraft = create(owner, DRAFT);
        String repsDraft = create(rep, DRAFT);
        mvc.perform(rep.auth(get("/api/v1/transactions/" + ownersDraft))).andExpect(status().isNotFound());
        mvc.perform(rep.auth(get("/api/v1/transactions/" + repsDraft))).andExpect(status().isOk());
        mvc.perform(rep.auth(post("/api/v1/transactions/" + repsDraft + "/approve"))).andExpect(status().isForbidden());
        Session stranger = register("Tx Stranger");
        mvc.perform(stranger.auth(get("/api/v1/transactions/" + ownersDraft))).andExpect(status().isNotFound());
        mvc.perform(stranger.auth(post("/api/v1/transactions/" + ownersDraft + "/approve")))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("POST /api/v1/orders creates once per Idempotency-Key and the rep's data scope shows only own orders")
    void directOrders() throws Exception {
        Session owner = register("Orders Direct");
        String account = CommandFixtures.seed(crms.memory(owner.tenantId()));
        Session rep = createUser(owner, "sales_rep");
        String body = "{\"customer_id\":\"" + account + "\",\"lines\":[{\"sku\":\"MUG-1\",\"quantity\":3,"
                + "\"unit_price\":7.5}]}";
        MvcResult first = mvc.perform(rep.auth(post("/api/v1/orders")).header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn();
        MvcResult again = mvc.perform(rep.auth(post("/api/v1/orders")).header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn();
        assertThat((String) read(again, "$.id")).isEqualTo(read(first, "$.id"));
        assertThat(orders(crms.memory(owner.tenantId()))).hasSize(1);
        mvc.perform(owner.auth(post("/api/v1/orders")).contentType(MediaType.APPLICATION_JSON)
                .content(body.replace("3", "4"))).andExpect(status().isCreated());
        mvc.perform(rep.auth(get("/api/v1/orders"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(owner.auth(get("/api/v1/orders"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2));
        mvc.perform(owner.auth(post("/api/v1/orders")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"customer_id\":\"" + account + "\",\"lines\":[]}")).andExpect(status().isBadRequest());
    }
}
