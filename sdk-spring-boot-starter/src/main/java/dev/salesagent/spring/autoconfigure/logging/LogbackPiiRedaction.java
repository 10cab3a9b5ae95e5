package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Swaps the message converter of every Logback pattern layout for {@link PiiRedactingMessageConverter} while this
 * bean lives, and restores the original converters when the application context closes.
 *
 * <p>Covers appenders attached to any logger, including those nested in an {@code AsyncAppender}. Appenders created
 * after start-up are not rewritten; declare the converter in {@code logback-spring.xml} for those.
 */
final class LogbackPiiRedaction implements InitializingBean, DisposableBean {

    /** Logback's conversion words for the formatted message. */
    static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");

    private final LoggerContext context;
    private final List<PatternLayoutBase<ILoggingEvent>> rewritten = new ArrayList<>();

    LogbackPiiRedaction(LoggerContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("rawtypes") // Logback's converter map is declared with the raw DynamicConverter type
    public void afterPropertiesSet() {
        Supplier<DynamicConverter> redacting = PiiRedactingMessageConverter::new;
        for (PatternLayoutBase<ILoggingEvent> layout : patternLayouts()) {
            if (MESSAGE_WORDS.stream().anyMatch(w -> layout.getInstanceConverterMap().get(w) != null)) {
                continue; // the application configured its own message converter: leave it alone
            }
            MESSAGE_WORDS.forEach(word -> layout.getInstanceConverterMap().put(word, redacting));
            restart(layout);
            rewritten.add(layout);
        }
    }

    @Override
    public void destroy() {
        for (PatternLayoutBase<ILoggingEvent> layout : rewritten) {
            MESSAGE_WORDS.forEach(layout.getInstanceConverterMap()::remove);
            restart(layout);
        }
        rewritten.clear();
    }

    /** Number of layouts currently redacting (for diagnostics and tests). */
    int redactingLayouts() {
        return rewritten.size();
    }

    private static void restart(PatternLayoutBase<ILoggingEvent> layout) {
        boolean started = layout.isStarted();
        layout.stop();
        if (started) {
            layout.start();
        }
    }

    private Set<PatternLayoutBase<ILoggingEvent>> patternLayouts() {
        Set<PatternLayoutBase<ILoggingEvent>> layouts = new LinkedHashSet<>();
        for (Logger logger : context.getLoggerList()) {
            collect(logger, layouts);
        }
        return layouts;
    }

    @SuppressWarnings("unchecked")
    private static void collect(AppenderAttachable<ILoggingEvent> attachable, Set<PatternLayoutBase<ILoggingEvent>> into) {
        for (Iterator<Appender<ILoggingEvent>> it = attachable.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof AppenderAttachable<?> nested) {
                collect((AppenderAttachable<ILoggingEvent>) nested, into);
            }
            if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
                Encoder<ILoggingEvent> encoder = stream.getEncoder();
                if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                        && wrapping.getLayout() instanceof PatternLayoutBase<ILoggingEvent> layout) {
                    into.add(layout);
                }
            }
        }
    }
}
