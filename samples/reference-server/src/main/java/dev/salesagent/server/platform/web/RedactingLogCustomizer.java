package dev.salesagent.server.platform.web;

import dev.salesagent.common.redact.PiiRedactor;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Passes the {@code message} of every structured (JSON) log line through the SDK's {@link PiiRedactor}, so e-mail
 * addresses, card numbers, IBANs, SSNs and phone numbers never reach the log. Registered by
 * {@code logging.structured.json.customizer}.
 */
public class RedactingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    private final PiiRedactor redactor = PiiRedactor.defaults();

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(
                JsonWriter.ValueProcessor.of(String.class, redactor::redact).whenHasPath("message"));
    }
}
