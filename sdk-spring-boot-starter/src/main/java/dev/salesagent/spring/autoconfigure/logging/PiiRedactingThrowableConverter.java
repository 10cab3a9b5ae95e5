package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import dev.salesagent.common.redact.PiiRedactor;
import java.util.Objects;

/**
 * Logback converter that renders a logged exception (messages of the exception, its causes and suppressed
 * exceptions, and the stack trace) with personal data and credentials masked by a {@link PiiRedactor}: a provider
 * error quoting an API key or a CRM error quoting a phone number is written masked.
 *
 * <p>Installed for {@code %ex}, {@code %exception}, {@code %throwable}, {@code %xEx}, {@code %xException},
 * {@code %xThrowable} and Spring Boot's {@code %wEx}/{@code %wex} (with their surrounding line breaks), and for the
 * exception Logback appends to a pattern that names none, when {@code salesagent.logging.redact-pii=true}. By hand:
 * <pre>{@code
 * <conversionRule conversionWord="ex" class="dev.salesagent.spring.autoconfigure.logging.PiiRedactingThrowableConverter"/>
 * }</pre>
 */
public class PiiRedactingThrowableConverter extends ExtendedThrowableProxyConverter {

    private final PiiRedactor redactor;
    private final boolean surroundWithLineBreaks;

    /** Creates the converter with {@link PiiRedactor#defaults()}; Logback instantiates it reflectively. */
    public PiiRedactingThrowableConverter() {
        this(PiiRedactor.defaults(), false);
    }

    /**
     * Creates the converter.
     *
     * @param redactor               the redactor to apply
     * @param surroundWithLineBreaks whether to write a line break before and after the stack trace, as Spring Boot's
     *                               {@code %wEx} does
     */
    public PiiRedactingThrowableConverter(PiiRedactor redactor, boolean surroundWithLineBreaks) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.surroundWithLineBreaks = surroundWithLineBreaks;
    }

    /**
     * Renders the exception and masks personal data and credentials in it.
     *
     * @param tp the exception
     * @return the redacted text
     */
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        String text = redactor.redact(super.throwableProxyToString(tp));
        return surroundWithLineBreaks ? CoreConstants.LINE_SEPARATOR + text + CoreConstants.LINE_SEPARATOR : text;
    }
}
