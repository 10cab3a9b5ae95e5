package dev.salesagent.spring.autoconfigure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring Boot's own structured encoder, loading {@link PiiRedactingJsonMembersCustomizer} from spring.factories as
 * in an application: the JSON written for ECS, Logstash and GELF has no e-mail in message or exception text when
 * {@code salesagent.logging.redact-pii=true}, and is untouched otherwise.
 */
class StructuredLoggingRedactionTest {

    private static JsonNode encode(String format, boolean redact) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "salesagent.logging.redact-pii", String.valueOf(redact),
                "logging.structured.ecs.service.name", "leads",
                "logging.structured.gelf.host", "leads")));
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("leads"), Level.WARN,
                "Lead dana.reyes@globex.com rejected", new IllegalStateException("duplicate of jo@acme.io"), null);
        event.setMDCPropertyMap(Map.of());
        String json = new String(encoder.encode(event), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(json);
    }

    @ParameterizedTest
    @CsvSource({"ecs", "logstash", "gelf"})
    void messageAndExceptionTextAreRedactedInEveryFormat(String format) throws Exception {
        JsonNode redacted = encode(format, true);
        String text = redacted.toString();
        assertThat(text).doesNotContain("dana.reyes@globex.com").doesNotContain("jo@acme.io");
        assertThat(text).contains("rejected").contains("IllegalStateException");

        String plain = encode(format, false).toString();
        assertThat(plain).as("redaction is opt-in").contains("dana.reyes@globex.com").contains("jo@acme.io");
    }
}
