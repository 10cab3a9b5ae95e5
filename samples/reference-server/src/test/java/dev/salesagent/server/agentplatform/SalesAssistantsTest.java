package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The {@code transaction} and {@code lead_pipeline} assistants over the LangGraph protocol, on the tenant's memory CRM. */
class SalesAssistantsTest extends PlatformTestSupport {

    private static final String API = "/api/v1/langgraph";
    private static final String REQUEST = "{\"assistant_id\":\"transaction\",\"input\":{\"request\":"
            + "\"Create a sales order for Acme Hat Company, 500 baseball hats, $50 each\"}}";
    private static final String APPROVE = "{\"assistant_id\":\"transaction\",\"command\":{\"resume\":"
            + "{\"action\":\"approve\"}}}";

    @Autowired
    InMemoryTenantCrmClients crms;

    private Session owner;

    @Test
    @DisplayName("transaction: thread -> run -> review interrupt with the resolved draft -> command.resume approve -> one CRM order;"
            + " resuming again or rerunning the thread never submits a second order")
    void approvedOnce() throws Exception {
        owner = register("Tx assistant " + System.nanoTime());
        InMemoryCrmClient crm = crms.memory(owner.tenantId());
        Account acme = crm.seedAccount(Account.builder().name("Acme Hat Company").country("US").build());
        crm.seedProduct(Product.builder().sku("HAT-100").name("Baseball Hat").unitPrice(new BigDecimal("50.00"))
                .currency("USD").active(true).build(), Map.of("Main", new BigDecimal("1000")));
        crm.seedCredit(acme.id().value(), new BigDecimal("100000"), BigDecimal.ZERO, "USD");

        JsonNode schemas = json(call(get(API + "/assistants/transaction/schemas"), null, 200));
        assertThat(schemas.at("/input_schema/required/0").asText()).isEqualTo("request");
        String thread = json(call(post(API + "/threads"), "{}", 200)).get("thread_id").asText();
        JsonNode paused = json(call(post(API + "/threads/" + thread + "/runs/wait"), REQUEST, 200));
        JsonNode review = paused.at("/__interrupt__/0/value");
        assertThat(review.at("/draft/lines/0/sku").asText()).as(paused.toString()).isEqualTo("HAT-100");
        assertThat(review.at("/draft/lines/0/quantity").asInt()).isEqualTo(500);
        assertThat(review.get("issues")).isEmpty();
        assertThat(orders(crm)).isEmpty();

        JsonNode done = json(call(post(API + "/threads/" + thread + "/runs/wait"), APPROVE, 200));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUBMITTED");
        String orderId = done.get("order_id").asText();
        assertThat(orders(crm)).singleElement().satisfies(o -> {
            assertThat(o.id().value()).isEqualTo(orderId);
            assertThat(o.total()).isEqualByComparingTo("25000");
        });

        // resume again: nothing is waiting, nothing is submitted
        call(post(API + "/threads/" + thread + "/runs/wait"), APPROVE, 200);
        assertThat(orders(crm)).hasSize(1);
        // rerun the thread from its input and approve: the draft has the thread's idempotency key, the CRM refuses a
        // second order with it, and the thread still names its one order
        JsonNode again = json(call(post(API + "/threads/" + thread + "/runs/wait"), REQUEST, 200));
        assertThat(again.has("__interrupt__")).as(again.toString()).isTrue();
        JsonNode second = json(call(post(API + "/threads/" + thread + "/runs/wait"), APPROVE, 200));
        assertThat(second.get("order_id").asText()).as(second.toString()).isEqualTo(orderId);
        assertThat(orders(crm)).hasSize(1);

        JsonNode history = json(call(post(API + "/threads/" + thread + "/history"), "{\"limit\":100}", 200));
        List<String> statuses = new java.util.ArrayList<>();
        history.forEach(h -> statuses.add(h.at("/values/status").asText("")));
        assertThat(statuses).contains("SUBMITTED");
    }

    @Test
    @DisplayName("lead_pipeline: run -> stops before crm_sync with the analyzed leads -> command.resume -> contacts"
            + " upserted once; resuming again writes nothing new; history has the approval checkpoint")
    void leadPipeline() throws Exception {
        owner = register("Pipeline assistant " + System.nanoTime());
        InMemoryCrmClient crm = crms.memory(owner.tenantId());
        JsonNode schemas = json(call(get(API + "/assistants/lead_pipeline/schemas"), null, 200));
        assertThat(schemas.at("/input_schema/required/0").asText()).isEqualTo("batch");
        String thread = json(call(post(API + "/threads"), "{}", 200)).get("thread_id").asText();
        String input = "{\"assistant_id\":\"lead_pipeline\",\"input\":{\"batch\":{\"leads\":["
                + "{\"company\":\"Initech\",\"domain\":\"initech.example\",\"email\":\"bill@initech.example\","
                + "\"firstName\":\"Bill\",\"lastName\":\"Lumbergh\",\"title\":\"VP Engineering\",\"employees\":800},"
                + "{\"company\":\"\",\"email\":\"not-an-email\"}]}}}";
        call(post(API + "/threads/" + thread + "/runs/wait"), input, 200);
        JsonNode state = json(call(get(API + "/threads/" + thread + "/state"), null, 200));
        assertThat(state.get("next")).as(state.toString()).hasToString("[\"crm_sync\"]");
        assertThat(state.at("/values/analyzed")).hasSize(2);
        assertThat(contacts(crm)).isZero();

        JsonNode done = json(call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"lead_pipeline\",\"command\":{\"resume\":true}}", 200));
        JsonNode results = done.at("/results/leads");
        assertThat(results).as(done.toString()).hasSize(2);
        assertThat(results.get(0).get("score").isInt()).isTrue();
        assertThat(results.get(1).get("error").asText()).isNotEmpty();
        assertThat(contacts(crm)).isEqualTo(1);
        assertThat(crm.contacts().findByEmail("bill@initech.example")).isPresent();

        call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"lead_pipeline\",\"command\":{\"resume\":true}}", 200);
        assertThat(contacts(crm)).isEqualTo(1);
        JsonNode history = json(call(post(API + "/threads/" + thread + "/history"), "{\"limit\":100}", 200));
        List<String> next = new java.util.ArrayList<>();
        history.forEach(h -> next.add(h.get("next").toString()));
        assertThat(next).contains("[\"crm_sync\"]");
    }

    private static long contacts(InMemoryCrmClient crm) {
        return Page.stream(p -> crm.contacts().changedSince(java.time.Instant.EPOCH, p), PageRequest.MAX_SIZE).count();
    }

    private static List<SalesOrder> orders(InMemoryCrmClient crm) {
        return Page.stream(p -> crm.salesOrders().search(SalesOrderSearch.all(), p), PageRequest.MAX_SIZE).toList();
    }

    private MvcResult call(MockHttpServletRequestBuilder request, String body, int expected) throws Exception {
        return call(owner, request, body, expected);
    }

    private static JsonNode json(MvcResult r) throws Exception {
        return LangGraphJson.parse(r.getResponse().getContentAsString());
    }
}
