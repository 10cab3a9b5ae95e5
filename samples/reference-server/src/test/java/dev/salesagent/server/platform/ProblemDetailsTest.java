package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class ProblemDetailsTest extends PlatformTestSupport {

    @Test
    @DisplayName("a non-JSON body where JSON is expected gets 415 as a problem")
    void unsupportedMediaType() throws Exception {
        Session owner = register("Problems 415");
        mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(415))
                .andExpect(jsonPath("$.title").isString());
    }

    @Test
    @DisplayName("malformed JSON gets 400 without parser internals")
    void malformedJson() throws Exception {
        Session owner = register("Problems 400");
        MvcResult result = mvc.perform(owner.auth(patch("/api/v1/tenant")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:malformed-body"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain("jackson").doesNotContain("Exception");
    }

    @Test
    @DisplayName("JSON that does not fit names the field: a value of the wrong type, a required number missing")
    void unfittingJsonNamesTheField() throws Exception {
        Session owner = register("Problems fields");
        MvcResult wrongType = mvc.perform(owner.auth(post("/api/v1/proposals/generate"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"lead_id\": \"not-a-uuid\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:malformed-body"))
                .andExpect(jsonPath("$.errors[0].field").value("lead_id"))
                .andExpect(jsonPath("$.errors[0].message").value("'lead_id' is missing or not a valid uuid"))
                .andReturn();
        assertThat(wrongType.getResponse().getContentAsString()).doesNotContain("jackson").doesNotContain("Exception");
        mvc.perform(owner.auth(post("/api/v1/proposals/generate")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"deal_size_usd\": \"1000\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("term_months"))
                .andExpect(jsonPath("$.detail").value(
                        "The request body does not fit this endpoint: 'term_months' is missing or not a valid int"));
    }

    @Test
    @DisplayName("a body over the size limit gets 413, by Content-Length and when streamed")
    void tooLarge() throws Exception {
        Session owner = register("Problems 413");
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
        mvc.perform(owner.auth(patch("/api/v1/tenant")).contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:content-too-large"));
        // no Content-Length: the counting stream refuses while reading
        mvc.perform(owner.auth(patch("/api/v1/tenant")).contentType(MediaType.APPLICATION_JSON)
                        .with(r -> {
                            r.setContent(big.getBytes());
                            r.removeHeader("Content-Length");
                            return r;
                        }))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    @DisplayName("wrong method and bad parameter types are problems too, and every problem carries the request id")
    void methodAndParameters() throws Exception {
        Session owner = register("Problems 405");
        mvc.perform(owner.auth(put("/api/v1/me"))).andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(owner.auth(get("/api/v1/users/not-a-uuid")).header("X-Request-Id", "req-123"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Request-Id", "req-123"))
                .andExpect(jsonPath("$.request_id").value("req-123"))
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    @DisplayName("unknown resources are 404 problems, not HTML or stack traces")
    void notFound() throws Exception {
        Session owner = register("Problems 404");
        MvcResult result = mvc.perform(owner.auth(get("/api/v1/users/" + java.util.UUID.randomUUID())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:not-found"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain("at dev.salesagent");
    }
}
