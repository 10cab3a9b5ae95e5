package dev.salesagent.server.agentplatform;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.PlatformTestSupport;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Agent-platform tests through the HTTP API as one signed-in {@link #owner} (set by each class before each test). */
abstract class AgentPlatformTestSupport extends PlatformTestSupport {

    /** The LangGraph Platform API's base path. */
    static final String API = "/api/v1/langgraph";

    /** The signed-in user the helpers call as. */
    protected Session owner;

    /** Creates a thread bound to {@code graphId} and returns its id. */
    protected String thread(String graphId) throws Exception {
        return json(call(post(API + "/threads"), "{\"metadata\":{\"graph_id\":\"" + graphId + "\"}}", 200))
                .get("thread_id").asText();
    }

    /** Performs {@code request} as {@link #owner} with the JSON {@code body} (or none), expecting {@code expected}. */
    protected MvcResult call(MockHttpServletRequestBuilder request, String body, int expected) throws Exception {
        return call(owner, request, body, expected);
    }

    /** The response body as JSON. */
    protected static JsonNode json(MvcResult r) throws Exception {
        return LangGraphJson.parse(r.getResponse().getContentAsString());
    }
}
