package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.security.RolePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends PlatformTestSupport {

    @Test
    @DisplayName("health is UP with the database checked, and Prometheus shows HTTP and rate-limit meters")
    void healthAndMetrics() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        Session owner = register("Metrics Co");
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isOk());
        String metrics = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(metrics).contains("http_server_requests_seconds").contains("salesagent_ratelimit_requests_total");
    }

    @Test
    @DisplayName("with SALESAGENT_TRACING_ENABLED unset spans are recorded in process but no OTLP exporter is built")
    void noOtlpExportByDefault(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(io.micrometer.tracing.Tracer.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(io.opentelemetry.sdk.trace.export.SpanExporter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(io.opentelemetry.sdk.logs.export.LogRecordExporter.class)).isEmpty();
    }

    @Test
    @DisplayName("the OpenAPI document lists the platform's endpoints and Swagger UI is served")
    void openApi() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/auth/token']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/users/{id}']").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    @DisplayName("JSON log lines carry the request id, tenant and user, with e-mail addresses redacted")
    void structuredLogs(CapturedOutput output) {
        MDC.put("request_id", "log-req-9");
        MDC.put("tenant_id", "t-1");
        try {
            LoggerFactory.getLogger("dev.salesagent.server.test").info("invited jane.doe@acme.com to the tenant");
        } finally {
            MDC.clear();
        }
        String line = output.getOut().lines().filter(l -> l.contains("invited")).findFirst().orElseThrow();
        assertThat(line).startsWith("{").contains("\"request_id\":\"log-req-9\"").contains("\"tenant_id\":\"t-1\"")
                .doesNotContain("jane.doe@acme.com").contains("@acme.com");
    }

    @Test
    @DisplayName("a request's log lines carry its request id, tenant and user, and the message's e-mail is masked")
    void requestContextInLogs(CapturedOutput output) throws Exception {
        Session owner = register("Log Context Co");
        String email = email("logged");
        mvc.perform(owner.auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/users"))
                        .header("X-Request-Id", "obs-req-42")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"roles\":[\"sales_rep\"],\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isCreated());
        String line = output.getOut().lines().filter(l -> l.contains("obs-req-42") && l.contains("Created user"))
                .findFirst().orElseThrow(() -> new AssertionError("no log line for the request"));
        assertThat(line).contains("\"tenant_id\":\"" + owner.tenantId() + "\"")
                .contains("\"user_id\":\"" + owner.userId() + "\"")
                .doesNotContain(email);
    }

    @Test
    @DisplayName("the server README prints the permission table exactly as the code defines it")
    void readmePrintsPermissionTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(RolePermissions.markdownTable());
    }
}
