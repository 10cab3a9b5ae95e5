package dev.salesagent.spring.autoconfigure.logging;

import dev.salesagent.common.redact.PiiRedactor;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Redacts personal data from Spring Boot's structured (JSON) logs when {@code salesagent.logging.redact-pii=true}:
 * the log message and the exception message and stack trace, in the ECS ({@code message}, {@code error.message},
 * {@code error.stack_trace}), Logstash ({@code message}, {@code stack_trace}) and GELF ({@code short_message},
 * {@code full_message}, {@code _error_message}, {@code _error_stack_trace}) formats, with
 * {@link PiiRedactor#defaults()}. Spring Boot loads it from {@code META-INF/spring.factories} for every structured
 * format (including the application's own JSON formats built on {@code JsonWriter}); a custom
 * {@code StructuredLogFormatter} that does not use {@code JsonWriter} cannot be covered, which is logged as a warning.
 */
public final class PiiRedactingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    /** The member names that carry message or exception text in Spring Boot's structured formats. */
    static final Set<String> TEXT_MEMBERS = Set.of("message", "short_message", "full_message", "stack_trace",
            "_error_message", "_error_stack_trace");

    private static final Logger LOG = LoggerFactory.getLogger(PiiRedactingJsonMembersCustomizer.class);

    private final boolean enabled;
    private final PiiRedactor redactor = PiiRedactor.defaults();

    /**
     * Created by Spring Boot's structured logging; reads {@code salesagent.logging.redact-pii} (default false).
     *
     * @param environment the application's environment, read once at construction
     */
    public PiiRedactingJsonMembersCustomizer(Environment environment) {
        this.enabled = environment.getProperty("salesagent.logging.redact-pii", Boolean.class, false);
        String format = environment.getProperty("logging.structured.format.console",
                environment.getProperty("logging.structured.format.file", ""));
        if (enabled && !format.isBlank() && !Set.of("ecs", "logstash", "gelf").contains(format)) {
            LOG.warn("salesagent.logging.redact-pii: the structured log format '{}' is covered only if it writes "
                    + "its JSON with Spring Boot's JsonWriter (members named {}); check its output", format,
                    TEXT_MEMBERS);
        }
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        if (!enabled) {
            return;
        }
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, redactor::redact)
                .whenHasPath(path -> TEXT_MEMBERS.contains(path.name())));
    }
}
