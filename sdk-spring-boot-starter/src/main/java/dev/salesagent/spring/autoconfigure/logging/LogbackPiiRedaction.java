package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.pattern.ConverterUtil;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import ch.qos.logback.core.pattern.PostCompileProcessor;
import ch.qos.logback.core.spi.AppenderAttachable;
import dev.salesagent.common.redact.PiiRedactor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Swaps the message and exception converters of every Logback pattern layout for {@link PiiRedactingMessageConverter}
 * and {@link PiiRedactingThrowableConverter} while this bean lives, and restores the original converters when the
 * application context closes. A pattern that names no exception converter gets the redacting one appended, where
 * Logback would append its own.
 *
 * <p>Covers appenders attached to any logger, including those nested in an {@code AsyncAppender}. Appenders created
 * after start-up are not rewritten; declare the converter in {@code logback-spring.xml} for those.
 */
final class LogbackPiiRedaction implements InitializingBean, DisposableBean {

    /** Logback's conversion words for the formatted message. */
    static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");
    /** Logback's conversion words for the exception. */
    static final List<String> THROWABLE_WORDS = List.of("ex", "exception", "throwable", "xEx", "xException", "xThrowable");
    /** Spring Boot's exception words, which add a line break before and after. */
    static final List<String> WHITESPACE_THROWABLE_WORDS = List.of("wEx", "wex");

    private final LoggerContext context;
    private final PiiRedactor redactor;
    private final List<PatternLayoutBase<ILoggingEvent>> rewritten = new ArrayList<>();
    private final List<PatternLayoutBase<ILoggingEvent>> throwablesRewritten = new ArrayList<>();

    LogbackPiiRedaction(LoggerContext context) {
        this(context, PiiRedactor.defaults());
    }

    LogbackPiiRedaction(LoggerContext context, PiiRedactor redactor) {
        this.context = context;
        this.redactor = redactor;
    }

    @Override
    @SuppressWarnings("rawtypes") // Logback's converter map is declared with the raw DynamicConverter type
    public void afterPropertiesSet() {
        Supplier<DynamicConverter> redacting = () -> new PiiRedactingMessageConverter(redactor);
        Supplier<DynamicConverter> throwable = () -> new PiiRedactingThrowableConverter(redactor, false);
        Supplier<DynamicConverter> whitespaceThrowable = () -> new PiiRedactingThrowableConverter(redactor, true);
        for (PatternLayoutBase<ILoggingEvent> layout : patternLayouts()) {
            boolean changed = false;
            Map<String, Supplier<DynamicConverter>> converters = layout.getInstanceConverterMap();
            if (MESSAGE_WORDS.stream().noneMatch(w -> converters.get(w) != null)) {
                MESSAGE_WORDS.forEach(word -> converters.put(word, redacting));
                rewritten.add(layout);
                changed = true;
            } // else: the application configured its own message converter: leave it alone
            if (Stream.concat(THROWABLE_WORDS.stream(), WHITESPACE_THROWABLE_WORDS.stream())
                    .noneMatch(w -> converters.get(w) != null)) {
                THROWABLE_WORDS.forEach(word -> converters.put(word, throwable));
                WHITESPACE_THROWABLE_WORDS.forEach(word -> converters.put(word, whitespaceThrowable));
                layout.setPostCompileProcessor(new AppendRedactingThrowable(redactor));
                throwablesRewritten.add(layout);
                changed = true;
            }
            if (changed) {
                restart(layout);
            }
        }
    }

    @Override
    public void destroy() {
        Set<PatternLayoutBase<ILoggingEvent>> changed = new LinkedHashSet<>(rewritten);
        changed.addAll(throwablesRewritten);
        for (PatternLayoutBase<ILoggingEvent> layout : rewritten) {
            MESSAGE_WORDS.forEach(layout.getInstanceConverterMap()::remove);
        }
        for (PatternLayoutBase<ILoggingEvent> layout : throwablesRewritten) {
            THROWABLE_WORDS.forEach(layout.getInstanceConverterMap()::remove);
            WHITESPACE_THROWABLE_WORDS.forEach(layout.getInstanceConverterMap()::remove);
            layout.setPostCompileProcessor(new EnsureExceptionHandling());
        }
        changed.forEach(LogbackPiiRedaction::restart);
        rewritten.clear();
        throwablesRewritten.clear();
    }

    /** Logback's {@link EnsureExceptionHandling}, appending the redacting converter instead of its own. */
    private static final class AppendRedactingThrowable implements PostCompileProcessor<ILoggingEvent> {
        private final PiiRedactor redactor;

        AppendRedactingThrowable(PiiRedactor redactor) {
            this.redactor = redactor;
        }

        @Override
        public void process(Context context, Converter<ILoggingEvent> head) {
            if (head != null && !new EnsureExceptionHandling().chainHandlesThrowable(head)) {
                ConverterUtil.findTail(head).setNext(new PiiRedactingThrowableConverter(redactor, false));
            }
        }
    }

    /** Number of layouts currently redacting (for diagnostics and tests). */
    int redactingLayouts() {
        Set<PatternLayoutBase<ILoggingEvent>> all = new LinkedHashSet<>(rewritten);
        all.addAll(throwablesRewritten);
        return all.size();
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
