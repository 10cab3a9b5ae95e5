package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cross-origin access (salesagent.platform.cors-allowed-origins, set to https://app.example.com for the test context):
 * an allowed origin's preflight and calls are answered with the CORS headers; any other origin's preflight is refused.
 */
class CorsTest extends PlatformTestSupport {

    private static final String ALLOWED = "https://app.example.com";

    private MockHttpServletResponse preflight(String origin) throws Exception {
        return mvc.perform(options("/api/v1/users").header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")).andReturn().getResponse();
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithoutAToken() throws Exception {
        MockHttpServletResponse r = preflight(ALLOWED);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(r.getHeader("Access-Control-Allow-Methods")).contains("GET");
        assertThat(r.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(r.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
    }

    @Test
    void anotherOriginsPreflightIsRefused() throws Exception {
        MockHttpServletResponse r = preflight("https://evil.example.com");
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anAllowedOriginsCallCarriesTheCorsHeadersAndStillNeedsItsToken() throws Exception {
        Session s = register("CORS tenant");
        MockHttpServletResponse r = mvc.perform(s.auth(get("/api/v1/me")).header("Origin", ALLOWED))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(r.getHeader("Access-Control-Expose-Headers")).contains("RateLimit-Remaining", "X-Request-Id");

        MockHttpServletResponse anonymous = mvc.perform(get("/api/v1/me").header("Origin", ALLOWED))
                .andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);

        MockHttpServletResponse other = mvc.perform(s.auth(get("/api/v1/me")).header("Origin", "https://evil.example.com"))
                .andReturn().getResponse();
        assertThat(other.getStatus()).as("a cross-origin call from an origin not allowed").isEqualTo(403);
    }
}
