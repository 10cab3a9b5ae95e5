package dev.salesagent.server.platform;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.salesagent.server.ReferenceServerApplication;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Base of the server's MockMvc tests: one Spring context (same annotations and properties in every subclass, so the
 * test framework caches it) on a fresh embedded PostgreSQL under {@code target/}. Every test makes its own tenants
 * and users through the API, so tests never share rows or rate-limit buckets.
 */
@SpringBootTest(classes = ReferenceServerApplication.class, properties = {
    "salesagent.platform.data-dir=target/test-data",
    "salesagent.platform.db.clean-embedded=true",
    "salesagent.platform.demo.password=demo-password-123",
    "salesagent.platform.demo.platform-admin-password=admin-password-123",
    "salesagent.platform.max-request-bytes=65536",
    "salesagent.platform.cors-allowed-origins=https://app.example.com",
    "logging.structured.format.console=ecs"
})
@AutoConfigureMockMvc
@Import(PlatformTestSupport.TestTime.class)
public abstract class PlatformTestSupport {

    /** The shared context's rate-limit time source. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestTime {
        @Bean
        ManualTimeMeter rateLimitTime() {
            return new ManualTimeMeter();
        }
    }

    /** Outreach e-mails go to the test JVM's SMTP server ({@link TestSmtp}). */
    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestSmtp::port);
    }

    /** Password of every user the tests create. */
    protected static final String PASSWORD = "correct-horse-battery";

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcClient jdbc;

    /** A signed-in user. */
    protected record Session(UUID tenantId, UUID userId, String email, String accessToken, String refreshToken) {
        /** Adds the bearer header. */
        public MockHttpServletRequestBuilder auth(MockHttpServletRequestBuilder request) {
            return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
    }

    /** A random client address, so anonymous calls of different tests use different rate-limit buckets. */
    protected static RequestPostProcessor randomClient() {
        String ip = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256)
                + "." + ThreadLocalRandom.current().nextInt(1, 255);
        return (MockHttpServletRequest r) -> {
            r.setRemoteAddr(ip);
            return r;
        };
    }

    /** A unique e-mail. */
    protected static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs up a new tenant; returns its owner's session. */
    protected Session register(String company) throws Exception {
        String email = email("owner");
        MvcResult result = mvc.perform(post("/api/v1/auth/register").with(randomClient())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"company_name\":\"" + company + "\",\"email\":\"" + email + "\",\"password\":\""
                        + PASSWORD + "\"}"))
                .andReturn();
        if (result.getResponse().getStatus() != 201) {
            throw new AssertionError("register failed: " + result.getResponse().getContentAsString());
        }
        return session(email, result.getResponse().getContentAsString());
    }

    /** Signs in. */
    protected Session login(String email, String password) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/auth/token").with(randomClient())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .andReturn();
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("login failed: " + result.getResponse().getContentAsString());
        }
        return session(email, result.getResponse().getContentAsString());
    }

    /** The seeded platform operator. */
    protected Session platformAdmin() throws Exception {
        return login("admin@example.com", "admin-password-123");
    }

    /** Creates a user with these roles in the owner's tenant and signs them in. */
    protected Session createUser(Session owner, String... roles) throws Exception {
        String email = email(roles.length == 0 ? "user" : roles[0].replace('_', '-'));
        MvcResult result = mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"roles\":" + json(List.of(roles)) + ",\"password\":\""
                        + PASSWORD + "\"}"))
                .andReturn();
        if (result.getResponse().getStatus() != 201) {
            throw new AssertionError("create user failed: " + result.getResponse().getContentAsString());
        }
        return login(email, PASSWORD);
    }

    /** A JSON array of strings. */
    protected static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Reads a JSON path from a response body. */
    /**
     * Performs a request as {@code who}, with a JSON body when {@code body} is not null, and asserts its status (the
     * response body is the failure message).
     */
    protected MvcResult call(Session who, MockHttpServletRequestBuilder request, String body, int expected)
            throws Exception {
        MockHttpServletRequestBuilder b = who.auth(request);
        if (body != null) {
            b.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult r = mvc.perform(b).andReturn();
        org.assertj.core.api.Assertions.assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString()).isEqualTo(expected);
        return r;
    }

    protected static <T> T read(MvcResult result, String path) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(), path);
    }

    private Session session(String email, String tokenResponse) {
        String access = JsonPath.read(tokenResponse, "$.access_token");
        String refresh = JsonPath.read(tokenResponse, "$.refresh_token");
        var user = jdbc.sql("select id, tenant_id from app_user where lower(email) = lower(?)").param(email)
                .query((rs, n) -> new UUID[] {rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class)})
                .single();
        return new Session(user[1], user[0], email, access, refresh);
    }
}
