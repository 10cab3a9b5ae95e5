package dev.salesagent.server.agentplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The run options of LangGraph's {@code RunCreate} through the HTTP API: {@code command.goto} (names and Sends),
 * {@code command.resume} as an interrupt-id map, {@code interrupt_before}/{@code interrupt_after}, a run from a past
 * {@code checkpoint_id} (time travel), {@code input: null} continuing a paused thread, {@code on_completion} of
 * stateless runs, and 422 problems naming the field for bad shapes.
 */
class RunOptionsTest extends AgentPlatformTestSupport {

    @Autowired
    ThreadStore threads;

    @BeforeEach
    void signUp() throws Exception {
        owner = register("Run options " + System.nanoTime());
    }

    @Test
    @DisplayName("command.goto: a node name runs that node (and what follows) on a finished thread; a Send runs its node")
    void gotoNodeAndSend() throws Exception {
        String thread = thread("steps");
        assertThat(wait(thread, "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\"}}").get("log"))
                .hasToString("[\"one\",\"two\",\"three\"]");
        assertThat(wait(thread, "{\"assistant_id\":\"steps\",\"command\":{\"goto\":\"two\"}}").get("log"))
                .hasToString("[\"one\",\"two\",\"three\",\"two\",\"three\"]");
        JsonNode sent = wait(thread, "{\"assistant_id\":\"steps\",\"command\":{\"goto\":[{\"node\":\"three\","
                + "\"input\":{\"topic\":\"sent\"}}],\"update\":[[\"topic\",\"updated\"]]}}");
        assertThat(sent.get("log")).hasToString("[\"one\",\"two\",\"three\",\"two\",\"three\",\"three\"]");
        assertThat(sent.get("topic").asText()).as("command.update as [key, value] pairs").isEqualTo("updated");
    }

    @Test
    @DisplayName("command.resume as a map answers each of two pending interrupts by id; one plain value fails the run")
    void resumeByInterruptId() throws Exception {
        String thread = thread("two_approvals");
        JsonNode paused = wait(thread, "{\"assistant_id\":\"two_approvals\",\"input\":{}}");
        JsonNode interrupts = paused.get("__interrupt__");
        assertThat(interrupts).hasSize(2);
        String legal = null;
        String finance = null;
        for (JsonNode i : interrupts) {
            if ("legal".equals(i.at("/value/approver").asText())) {
                legal = i.get("id").asText();
            } else {
                finance = i.get("id").asText();
            }
        }
        assertThat(legal).isNotNull();
        assertThat(finance).isNotNull();

        MvcResult plain = call(post(API + "/threads/" + thread + "/runs/wait"),
                "{\"assistant_id\":\"two_approvals\",\"command\":{\"resume\":\"yes\"}}", 200);
        assertThat(json(plain).at("/__error__/message").asText()).contains("multiple pending interrupts");

        JsonNode done = wait(thread, "{\"assistant_id\":\"two_approvals\",\"command\":{\"resume\":{\"" + legal
                + "\":\"yes\",\"" + finance + "\":\"no\"}}}");
        assertThat(done.has("__interrupt__")).isFalse();
        assertThat(done.get("log")).extracting(JsonNode::asText).containsExactlyInAnyOrder("legal:yes", "finance:no");
        assertThat(json(call(get(API + "/threads/" + thread), null, 200)).get("status").asText()).isEqualTo("idle");
    }

    @Test
    @DisplayName("interrupt_before pauses the run before the node; input null continues; interrupt_after \"*\" pauses"
            + " after each node")
    void interruptBeforeAndAfter() throws Exception {
        String thread = thread("steps");
        JsonNode paused = wait(thread, "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\"},"
                + "\"interrupt_before\":[\"two\"]}");
        assertThat(paused.get("log")).hasToString("[\"one\"]");
        assertThat(json(call(get(API + "/threads/" + thread), null, 200)).get("status").asText())
                .isEqualTo("interrupted");
        assertThat(json(call(get(API + "/threads/" + thread + "/state"), null, 200)).get("next"))
                .hasToString("[\"two\"]");
        assertThat(wait(thread, "{\"assistant_id\":\"steps\",\"input\":null}").get("log"))
                .hasToString("[\"one\",\"two\",\"three\"]");

        String other = thread("steps");
        JsonNode afterOne = wait(other, "{\"assistant_id\":\"steps\",\"input\":{},\"interrupt_after\":\"*\"}");
        assertThat(afterOne.get("log")).hasToString("[\"one\"]");
        JsonNode afterTwo = wait(other, "{\"assistant_id\":\"steps\",\"interrupt_after\":\"*\"}");
        assertThat(afterTwo.get("log")).as("no input: continues, and pauses again").hasToString("[\"one\",\"two\"]");
        JsonNode plain = wait(other, "{\"assistant_id\":\"steps\",\"command\":{\"resume\":null}}");
        assertThat(plain.get("log")).hasToString("[\"one\",\"two\",\"three\"]");
    }

    @Test
    @DisplayName("checkpoint_id: a run from a past checkpoint forks the thread; the old history stays")
    void timeTravel() throws Exception {
        String thread = thread("steps");
        wait(thread, "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"x\"}}");
        JsonNode history = json(call(post(API + "/threads/" + thread + "/history"), "{\"limit\":50}", 200));
        String beforeTwo = null;
        for (JsonNode s : history) {
            if (s.get("next").toString().equals("[\"two\"]")) {
                beforeTwo = s.at("/checkpoint/checkpoint_id").asText();
            }
        }
        assertThat(beforeTwo).isNotNull();

        JsonNode replay = wait(thread, "{\"assistant_id\":\"steps\",\"checkpoint_id\":\"" + beforeTwo + "\"}");
        assertThat(replay.get("log")).as("two and three ran again on the state after one")
                .hasToString("[\"one\",\"two\",\"three\"]");
        JsonNode after = json(call(post(API + "/threads/" + thread + "/history"), "{\"limit\":50}", 200));
        assertThat(after.size()).as("a fork checkpoint, then two's and three's").isEqualTo(history.size() + 3);
        List<String> parents = new ArrayList<>();
        after.forEach(s -> parents.add(s.at("/parent_checkpoint/checkpoint_id").asText()));
        assertThat(parents).as("the new branch starts at the chosen checkpoint").filteredOn(beforeTwo::equals)
                .hasSize(2);

        JsonNode fork = wait(thread, "{\"assistant_id\":\"steps\",\"input\":{\"topic\":\"again\"},"
                + "\"config\":{\"configurable\":{\"checkpoint_id\":\"" + beforeTwo + "\"}}}");
        assertThat(fork.get("log")).as("the input applies to that checkpoint's state, not the latest")
                .hasToString("[\"one\",\"one\",\"two\",\"three\"]");
        assertThat(fork.get("topic").asText()).isEqualTo("again");

        String body = call(post(API + "/threads/" + thread + "/runs/wait"), "{\"assistant_id\":\"steps\","
                + "\"checkpoint\":{\"checkpoint_id\":\"nope\"}}", 200).getResponse().getContentAsString();
        assertThat(LangGraphJson.parse(body).at("/__error__/message").asText()).contains("nope");
    }

    @Test
    @DisplayName("on_completion: a stateless run's thread is temporary (swept, never listed) unless \"keep\"")
    void onCompletion() throws Exception {
        JsonNode kept = json(call(post(API + "/runs"), "{\"assistant_id\":\"steps\",\"input\":{},"
                + "\"on_completion\":\"keep\"}", 200));
        JsonNode deleted = json(call(post(API + "/runs"), "{\"assistant_id\":\"steps\",\"input\":{},"
                + "\"on_completion\":\"delete\"}", 200));
        JsonNode byDefault = json(call(post(API + "/runs"), "{\"assistant_id\":\"steps\",\"input\":{}}", 200));
        for (JsonNode run : List.of(kept, deleted, byDefault)) { // finished: a busy thread is never swept
            call(get(API + "/threads/" + run.get("thread_id").asText() + "/runs/" + run.get("run_id").asText()
                    + "/join"), null, 200);
        }
        List<String> listed = new ArrayList<>();
        json(call(post(API + "/threads/search"), "{}", 200)).forEach(t -> listed.add(t.get("thread_id").asText()));
        assertThat(listed).contains(kept.get("thread_id").asText())
                .doesNotContain(deleted.get("thread_id").asText(), byDefault.get("thread_id").asText());
        List<UUID> swept = threads.staleTemporary(Instant.now().plusSeconds(3600));
        assertThat(swept).contains(UUID.fromString(deleted.get("thread_id").asText()),
                UUID.fromString(byDefault.get("thread_id").asText()))
                .doesNotContain(UUID.fromString(kept.get("thread_id").asText()));
    }

    @Test
    @DisplayName("bad shapes are 422 problems naming the field")
    void badShapes() throws Exception {
        String thread = thread("steps");
        String runs = API + "/threads/" + thread + "/runs";
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"command\":{\"goto\":\"nowhere\"}}"))
                .contains("command.goto").contains("nowhere");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"command\":{\"goto\":[{\"input\":{}}]}}"))
                .contains("command.goto[0]");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"command\":{\"update\":{\"colour\":\"red\"}}}"))
                .contains("command.update").contains("colour");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"command\":{\"jump\":1}}")).contains("jump");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"command\":\"go\"}")).contains("command");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"interrupt_before\":\"two\"}"))
                .contains("interrupt_before");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"interrupt_after\":[\"four\"]}"))
                .contains("interrupt_after[0]").contains("four");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"checkpoint_id\":7}")).contains("checkpoint_id");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"on_completion\":\"later\"}"))
                .contains("on_completion");
        assertThat(problem(runs, "{\"assistant_id\":\"steps\",\"webhook\":\"https://example.com/hook\"}"))
                .contains("webhook");
        assertThat(problem(API + "/runs", "{\"assistant_id\":\"steps\",\"checkpoint_id\":\"c\"}"))
                .contains("checkpoint_id");
        assertThat(json(call(get(runs), null, 200))).as("no refused run was created").isEmpty();
    }

    private String problem(String path, String body) throws Exception {
        MvcResult r = call(post(path), body, 422);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        return json(r).get("detail").asText();
    }

    private JsonNode wait(String thread, String body) throws Exception {
        return json(call(post(API + "/threads/" + thread + "/runs/wait"), body, 200));
    }
}
