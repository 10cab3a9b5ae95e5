package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.salesagent.common.redact.PiiRedactor;

/**
 * Logback converter that renders the formatted log message ({@code %m}, {@code %msg}, {@code %message}) with
 * personal data masked by {@link PiiRedactor#defaults()} (e-mail addresses, payment cards, IBANs, SSNs, phone numbers).
 *
 * <p>Installed on every pattern layout automatically when {@code salesagent.logging.redact-pii=true}. It can also be
 * declared by hand in {@code logback-spring.xml}:
 * <pre>{@code
 * <conversionRule conversionWord="msg" class="dev.salesagent.spring.autoconfigure.logging.PiiRedactingMessageConverter"/>
 * }</pre>
 * Only the message is redacted; stack traces ({@code %ex}) and MDC values are written unchanged.
 */
public class PiiRedactingMessageConverter extends MessageConverter {

    private static final PiiRedactor REDACTOR = PiiRedactor.defaults();

    /** Creates the converter; Logback instantiates it reflectively. */
    public PiiRedactingMessageConverter() {
    }

    /**
     * Formats the event's message and masks personal data in it.
     *
     * @param event the logging event
     * @return the redacted message, or {@code null} when the event has no message
     */
    @Override
    public String convert(ILoggingEvent event) {
        return REDACTOR.redact(super.convert(event));
    }
}
