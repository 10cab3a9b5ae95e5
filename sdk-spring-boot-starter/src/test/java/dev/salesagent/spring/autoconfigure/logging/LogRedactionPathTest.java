package dev.salesagent.spring.autoconfigure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Path (c) of issue 21: with {@code salesagent.logging.redact-pii=true} a known secret and phone number in a log
 * message or in a logged exception (its message, its cause's message) never reach the Logback output, whichever
 * exception word the pattern uses or when it names none.
 */
class LogRedactionPathTest {

    private static final String KEY = "sk-ant-api03-R2D2C3POr2d2c3poR2D2C3POr2d2c3po-AbCdEfAA";
    private static final String PHONE = "+49 30 12345678";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentLoggingAutoConfiguration.class))
            .withPropertyValues("salesagent.logging.redact-pii=true");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Logger logger;
    private OutputStreamAppender<ILoggingEvent> appender;

    private void attach(String pattern) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        logger = context.getLogger("redaction-path-test");
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        appender.stop();
    }

    private String logged() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    private static RuntimeException providerFailure() {
        return new IllegalStateException("model call failed for lead " + PHONE,
                new RuntimeException("401 Incorrect API key provided: " + KEY));
    }

    @Test
    void patternWithoutAnExceptionWordStillRedactsTheAppendedStackTrace() {
        attach("%level %msg%n");
        runner.run(context -> {
            logger.warn("calling {} with key {}", PHONE, KEY, providerFailure());
            String text = logged();
            assertThat(text).contains("WARN calling", "IllegalStateException", "Caused by", "[REDACTED]")
                    .doesNotContain(KEY, PHONE, "12345678");
        });
        logger.warn("after close", providerFailure());
        assertThat(logged()).as("restored when the context closes").contains(KEY, PHONE);
    }

    @Test
    void explicitExceptionWordsAreRedacted() {
        attach("%msg%n%ex{full}");
        runner.run(context -> {
            logger.error("failed", providerFailure());
            assertThat(logged()).contains("IllegalStateException", "Caused by").doesNotContain(KEY, PHONE, "12345678");
        });
    }

    @Test
    void springBootsWhitespaceExceptionWordIsRedactedWithItsLineBreaks() {
        attach("%msg%wEx");
        runner.run(context -> {
            logger.error("failed", providerFailure());
            String text = logged();
            assertThat(text).startsWith("failed" + System.lineSeparator() + "java.lang.IllegalStateException")
                    .doesNotContain(KEY, PHONE, "12345678");
        });
    }

    @Test
    void configuredPseudonymKeyAndRegionsAreUsed() {
        attach("%msg%n");
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
        runner.withPropertyValues("salesagent.logging.pseudonym-key=" + key, "salesagent.logging.phone-regions=US")
                .run(context -> {
                    logger.info("lead jane.doe@acme.com, national 020 7946 0958, international +44 20 7946 0958");
                    assertThat(logged()).as("national UK form is not read with US rules; the + form is")
                            .matches("lead <email:[0-9a-f]{8}>, national 020 7946 0958, international <phone:[0-9a-f]{8}>\\R");
                });
    }

    @Test
    void aBadRegionFailsStartupWithTheValue() {
        attach("%msg%n");
        runner.withPropertyValues("salesagent.logging.phone-regions=GB,Germany").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("[Germany]"));
    }
}
