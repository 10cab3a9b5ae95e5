package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.salesagent.common.redact.PiiRedactor;
import java.util.Objects;

/**
 * Logback converter that renders the formatted log message ({@code %m}, {@code %msg}, {@code %message}) with
 * personal data and credentials masked by a {@link PiiRedactor} (by default {@link PiiRedactor#defaults()}: secrets
 * and tokens, e-mail addresses, phone numbers, payment cards, IBANs, SSNs, and the record fields of the
 * {@link dev.salesagent.common.redact.RedactionContext} open on the logging thread).
 *
 * <p>Installed on every pattern layout automatically when {@code salesagent.logging.redact-pii=true}, with the
 * redactor configured by {@code salesagent.logging.*}. It can also be declared by hand in {@code logback-spring.xml}:
 * <pre>{@code
 * <conversionRule conversionWord="msg" class="dev.salesagent.spring.autoconfigure.logging.PiiRedactingMessageConverter"/>
 * }</pre>
 * Exception text ({@code %ex} and friends) is redacted by {@link PiiRedactingThrowableConverter}; MDC values are
 * written unchanged.
 */
public class PiiRedactingMessageConverter extends MessageConverter {

    private final PiiRedactor redactor;

    /** Creates the converter with {@link PiiRedactor#defaults()}; Logback instantiates it reflectively. */
    public PiiRedactingMessageConverter() {
        this(PiiRedactor.defaults());
    }

    /**
     * Creates the converter with the given redactor.
     *
     * @param redactor the redactor to apply
     */
    public PiiRedactingMessageConverter(PiiRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Formats the event's message and masks personal data in it.
     *
     * @param event the logging event
     * @return the redacted message, or {@code null} when the event has no message
     */
    @Override
    public String convert(ILoggingEvent event) {
        return redactor.redact(super.convert(event));
    }
}
