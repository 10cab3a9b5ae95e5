package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The LangGraph Platform endpoints over MockMvc: shapes, status codes, SSE framing and order, strategies, isolation. */
class AgentPlatformProtocolTest extends AgentPlatformTestSupport {

    @Autowired
    AssistantRegistry registry;

    @BeforeEach
    void signUp() throws Exception {
        owner = register("Agents " + System.nanoTime());
    }

    /** One parsed SSE event. */
    record Sse(String id, String event, JsonNode data) {
    }

    @Test
    @DisplayName("assistants: search lists the served graphs with LangGraph's fields; schemas serve the input schema")
    void assistants() throws Exception {
        JsonNode all = json(call(post(API + "/assistants/search"), "{}", 200));
        List<String> graphs = new ArrayList<>();
        all.forEach(a -> graphs.add(a.get("graph_id").asText()));
        assertThat(graphs).contains("approval", "steps", "blocking");
        JsonNode approval = json(call(get(API + "/assistants/approval"), null, 200));
        assertThat(approval.get("assistant_id").asText()).isEqualTo(AssistantRegistry.assistantId("approval"));
        assertThat(approval.get("metadata").get("created_by").asText()).isEqualTo("system");
        JsonNode byUuid = json(call(get(API + "/assistants/" + approval.get("assistant_id").asText()), null, 200));
        assertThat(byUuid.get("graph_id").asText()).isEqualTo("approval");
        JsonNode schemas = json(call(get(API + "/assistants/approval/schemas"), null, 200));
        assertThat(schemas.at("/input_schema/required/0").asText()).isEqualTo("topic");
        assertThat(schemas.at("/state_schema/properties/log/type").asText()).isEqualTo("array");
        call(get(API + "/assistants/nope"), null, 404);
    }

    @Test
    @DisplayName("threads: create (if_exists), get, search by metadata, delete removes runs and checkpoints")
    void threads() throws Exception {
        JsonNode t = json(call(post(API + "/threads"), "{\"metadata\":{\"owner\":\"ann\",\"graph_id\":\"steps\"}}", 200));
        String id = t.get("thread_id").asText();
        assertThat(t.get("status").asText()).isEqualTo("idle");
        assertThat(t.get("values").isObject()).isTrue();
        call(post(API + "/threads"), "{\"thread_id\":\"" + id + "\"}", 409);
        call(post(API + "/threads"), "{\"thread_id\":\"" + id + "\",\"if_exists\":\"do_nothing\"}", 200);
        JsonNode found = json(call(post(API + "/threads/search"), "{\"metadata\":{\"owner\":\"ann\"}}", 200));
        assertThat(found).hasSize(1);
        assertThat(json(call(post(API + "/threads/search"), "{\"metadata\":{\"owner\":\"bob\"}}", 200))).isEmpty();
        call(post(API + "/threads/" + id + "/runs/wait"), "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\"}}", 200);
        assertThat(registry.checkpointer().history(id, registry.graph(owner.tenantId(), "steps").codec())).isNotEmpty();
        call(delete(API + "/threads/" + id), null, 204);
        call(get(API + "/threads/" + id), null, 404);
        assertThat(registry.checkpointer().history(id, registry.graph(owner.tenantId(), "steps").codec())).isEmpty();
    }

    @Test
    @DisplayName("runs/wait answers the final values, Content-Location names the run; run, list, state and history agree")
    void waitRun() throws Exception {
        String thread = thread("steps");
        MvcResult r = call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\"}}", 200);
        assertThat(json(r).get("log")).hasToString("[\"one\",\"two\",\"three\"]");
        String location = r.getResponse().getHeader("Content-Location");
        assertThat(location).matches("/threads/" + thread + "/runs/[0-9a-f-]{36}");
        String runId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode run = json(call(get(API + location), null, 200));
        assertThat(run.get("status").asText()).isEqualTo("success");
        assertThat(run.get("assistant_id").asText()).isEqualTo(AssistantRegistry.assistantId("steps"));
        assertThat(run.get("usage").get("input_tokens").asLong()).isZero();
        assertThat(json(call(get(API + "/threads/" + thread + "/runs"), null, 200)).get(0).get("run_id").asText())
                .isEqualTo(runId);
        JsonNode state = json(call(get(API + "/threads/" + thread + "/state"), null, 200));
        assertThat(state.get("next")).isEmpty();
        assertThat(state.at("/checkpoint/thread_id").asText()).isEqualTo(thread);
        JsonNode history = json(call(post(API + "/threads/" + thread + "/history"), "{\"limit\":10}", 200));
        assertThat(history.size()).isGreaterThanOrEqualTo(4);
        assertThat(history.get(0).get("checkpoint").get("checkpoint_id").asText())
                .isEqualTo(state.at("/checkpoint/checkpoint_id").asText());
        assertThat(history.get(1).get("next").get(0).asText()).isEqualTo("three");
        JsonNode stateless = json(call(post(API + "/runs/wait"), "{\"assistant_id\":\"steps\",\"input\":{}}", 200));
        assertThat(stateless.get("log")).hasSize(3);
    }

    @Test
    @DisplayName("stream: metadata first, values/updates in order, the interrupt as __interrupt__; resume via command")
    void streamInterruptResume() throws Exception {
        String thread = thread("approval");
        MvcResult r = call(post(API + "/threads/" + thread + "/runs/stream"),
                "{\"assistant_id\":\"approval\",\"input\":{\"topic\":\"pricing\"},\"stream_mode\":[\"values\",\"updates\"]}",
                200);
        assertThat(r.getResponse().getContentType()).startsWith("text/event-stream");
        String location = r.getResponse().getHeader("Content-Location");
        assertThat(r.getResponse().getHeader("Location")).isEqualTo(location + "/stream");
        List<Sse> events = sse(r.getResponse().getContentAsString());
        assertThat(events.get(0).event()).isEqualTo("metadata");
        assertThat(location).endsWith("/runs/" + events.get(0).data().get("run_id").asText());
        assertThat(events.get(0).data().get("attempt").asInt()).isEqualTo(1);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).isEqualTo(String.valueOf(i));
        }
        assertThat(events.stream().map(Sse::event).toList()).containsSubsequence("metadata", "values", "updates",
                "updates", "values");
        Sse draft = events.stream().filter(e -> e.event().equals("updates") && e.data().has("draft")).findFirst()
                .orElseThrow();
        assertThat(draft.data().at("/draft/draft").asText()).contains("pricing");
        Sse interrupt = events.stream().filter(e -> e.event().equals("updates") && e.data().has("__interrupt__"))
                .findFirst().orElseThrow();
        assertThat(interrupt.data().at("/__interrupt__/0/value/question").asText()).isEqualTo("Approve this draft?");
        assertThat(interrupt.data().at("/__interrupt__/0/id").asText()).isNotBlank();
        assertThat(events.get(events.size() - 1).data().has("__interrupt__")).isTrue();

        JsonNode t = json(call(get(API + "/threads/" + thread), null, 200));
        assertThat(t.get("status").asText()).isEqualTo("interrupted");
        assertThat(t.get("interrupts").size()).isEqualTo(1);
        JsonNode state = json(call(get(API + "/threads/" + thread + "/state"), null, 200));
        assertThat(state.at("/next/0").asText()).isEqualTo("review");
        assertThat(state.at("/tasks/0/interrupts/0/value/draft").asText()).contains("pricing");

        JsonNode done = json(call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"approval\",\"command\":{\"resume\":\"approve\"}}", 200));
        assertThat(done.get("status").asText()).isEqualTo("published");
        assertThat(done.has("__interrupt__")).isFalse();
        assertThat(json(call(get(API + "/threads/" + thread), null, 200)).get("status").asText()).isEqualTo("idle");
    }

    @Test
    @DisplayName("join stream replays after Last-Event-ID, from the first event without it; join answers the values")
    void joinStream() throws Exception {
        String thread = thread("steps");
        MvcResult r = call(post(API + "/threads/" + thread + "/runs/wait"), "{\"assistant_id\":\"steps\","
                + "\"input\":{\"topic\":\"x\"},\"stream_mode\":[\"updates\"]}", 200);
        String run = API + r.getResponse().getHeader("Content-Location");
        List<Sse> all = sse(call(get(run + "/stream"), null, 200).getResponse().getContentAsString());
        assertThat(all.stream().map(Sse::event).toList()).containsExactly("metadata", "updates", "updates", "updates");
        List<Sse> after = sse(mvc.perform(owner.auth(get(run + "/stream")).header("Last-Event-ID", "1")).andReturn()
                .getResponse().getContentAsString());
        assertThat(after.stream().map(Sse::id).toList()).containsExactly("2", "3");
        assertThat(after.get(0).data().at("/two/log/0").asText()).isEqualTo("two");
        assertThat(json(call(get(run + "/join"), null, 200)).get("log")).hasSize(3);
    }

    @Test
    @DisplayName("multitask: reject answers 422, enqueue runs after, interrupt cancels the run in flight")
    void multitask() throws Exception {
        String thread = thread("steps");
        String slow = "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\",\"pause_ms\":300}";
        JsonNode first = json(call(post(API + "/threads/" + thread + "/runs"), slow + "}", 200));
        call(post(API + "/threads/" + thread + "/runs"), slow + ",\"multitask_strategy\":\"reject\"}", 422);
        JsonNode queued = json(call(post(API + "/threads/" + thread + "/runs"),
                slow + ",\"multitask_strategy\":\"enqueue\"}", 200));
        assertThat(queued.get("status").asText()).isEqualTo("pending");
        JsonNode done = json(call(get(API + "/threads/" + thread + "/runs/" + queued.get("run_id").asText() + "/join"),
                null, 200));
        assertThat(done.get("log")).hasSize(6);
        assertThat(status(thread, first)).isEqualTo("success");

        JsonNode third = json(call(post(API + "/threads/" + thread + "/runs"), slow + "}", 200));
        JsonNode fourth = json(call(post(API + "/threads/" + thread + "/runs"),
                "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"y\"},\"multitask_strategy\":\"interrupt\"}", 200));
        call(get(API + "/threads/" + thread + "/runs/" + fourth.get("run_id").asText() + "/join"), null, 200);
        assertThat(status(thread, third)).isEqualTo("interrupted");
        assertThat(status(thread, fourth)).isEqualTo("success");
    }

    @Test
    @DisplayName("bad input: unknown state key, wrong stream mode, unknown assistant and missing thread are typed problems")
    void badInput() throws Exception {
        String thread = thread("steps");
        String body = call(post(API + "/threads/" + thread + "/runs"),
                "{\"assistant_id\":\"steps\",\"input\":{\"colour\":\"red\"}}", 422).getResponse().getContentAsString();
        assertThat(body).contains("unknown key 'colour'").contains("invalid-graph-input");
        call(post(API + "/threads/" + thread + "/runs"), "{\"assistant_id\":\"steps\",\"stream_mode\":\"nope\"}", 422);
        // a protocol mode without a runtime counterpart is refused, not accepted and left silent
        call(post(API + "/threads/" + thread + "/runs"), "{\"assistant_id\":\"steps\",\"stream_mode\":[\"values\",\"events\"]}", 422);
        call(post(API + "/threads/" + thread + "/runs"), "{\"assistant_id\":\"nope\"}", 404);
        String missing = java.util.UUID.randomUUID().toString();
        call(post(API + "/threads/" + missing + "/runs"), "{\"assistant_id\":\"steps\"}", 404);
        call(post(API + "/threads/" + missing + "/runs/wait"), "{\"assistant_id\":\"steps\",\"if_not_exists\":\"create\"}",
                200);
        call(get(API + "/threads/not-a-uuid"), null, 422);
    }

    @Test
    @DisplayName("tenant isolation: another tenant's threads and runs are 404 everywhere and never listed")
    void isolation() throws Exception {
        String thread = thread("steps");
        MvcResult r = call(post(API + "/threads/" + thread + "/runs/wait"), "{\"assistant_id\":\"steps\",\"input\":{}}",
                200);
        String run = API + r.getResponse().getHeader("Content-Location");
        Session other = register("Other " + System.nanoTime());
        for (MockHttpServletRequestBuilder b : List.of(get(API + "/threads/" + thread),
                get(API + "/threads/" + thread + "/state"), post(API + "/threads/" + thread + "/history"),
                get(API + "/threads/" + thread + "/runs"), get(run), get(run + "/join"), get(run + "/stream"),
                delete(API + "/threads/" + thread), post(run + "/cancel"))) {
            int status = mvc.perform(other.auth(b).contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn()
                    .getResponse().getStatus();
            assertThat(status).as(b.toString()).isEqualTo(404);
        }
        assertThat(mvc.perform(other.auth(post(API + "/threads/" + thread + "/runs")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"assistant_id\":\"steps\",\"if_not_exists\":\"create\"}")).andReturn().getResponse()
                .getStatus()).isEqualTo(409);
        String listed = mvc.perform(other.auth(post(API + "/threads/search")).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andReturn().getResponse().getContentAsString();
        assertThat(listed).doesNotContain(thread);
        assertThat(json(call(get(API + "/threads/" + thread), null, 200)).get("thread_id").asText()).isEqualTo(thread);
    }

    @Test
    @DisplayName("durable runs: a run whose worker lost its lease is claimed again and resumes after the finished nodes")
    void leaseLossResumesFromCheckpoint() throws Exception {
        String thread = thread("blocking");
        String topic = "lease-" + System.nanoTime();
        CountDownLatch blocked = BlockingGraphProvider.BLOCKED.computeIfAbsent(topic, k -> new CountDownLatch(1));
        JsonNode run = json(call(post(API + "/threads/" + thread + "/runs"),
                "{\"assistant_id\":\"blocking\",\"input\":{\"topic\":\"" + topic + "\"}}", 200));
        String runId = run.get("run_id").asText();
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        // the worker hangs in node two: its lease expires as if it had died
        jdbc.sql("update lg_run set lease_until = now() - interval '1 second' where run_id = ?::uuid").param(runId)
                .update();
        JsonNode done = json(call(get(API + "/threads/" + thread + "/runs/" + runId + "/join"), null, 200));
        BlockingGraphProvider.RELEASE.get(topic).countDown();
        assertThat(done.get("log")).hasToString("[\"one\",\"two\",\"three\"]");
        assertThat(BlockingGraphProvider.CALLS.get(topic + "/one").get()).isEqualTo(1);
        assertThat(BlockingGraphProvider.CALLS.get(topic + "/three").get()).isEqualTo(1);
        JsonNode after = json(call(get(API + "/threads/" + thread + "/runs/" + runId), null, 200));
        assertThat(after.get("status").asText()).isEqualTo("success");
        assertThat(after.get("attempt").asInt()).isEqualTo(2);
        List<Sse> events = sse(call(get(API + "/threads/" + thread + "/runs/" + runId + "/stream"), null, 200)
                .getResponse().getContentAsString());
        assertThat(events.stream().filter(e -> e.event().equals("metadata")).map(e -> e.data().get("attempt").asInt())
                .toList()).containsExactly(1, 2);
    }

    private String status(String thread, JsonNode run) throws Exception {
        return json(call(get(API + "/threads/" + thread + "/runs/" + run.get("run_id").asText()), null, 200))
                .get("status").asText();
    }


    static List<Sse> sse(String body) {
        List<Sse> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (event != null) {
                out.add(new Sse(id, event, LangGraphJson.parse(data.toString())));
            }
        }
        return out;
    }
}
