package dev.salesagent.spring.autoconfigure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SalesAgentLoggingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentLoggingAutoConfiguration.class));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Logger logger;
    private OutputStreamAppender<ILoggingEvent> appender;

    @BeforeEach
    void attachAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        logger = context.getLogger("redaction-test");
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
    }

    @AfterEach
    void detachAppender() {
        logger.detachAppender(appender);
        appender.stop();
    }

    private String logged() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(LogbackPiiRedaction.class);
            logger.info("mail jane.doe@example.com");
            assertThat(logged()).contains("jane.doe@example.com");
        });
    }

    @Test
    void redactsMessagesWhileTheContextRunsAndRestoresAfterwards() {
        runner.withPropertyValues("salesagent.logging.redact-pii=true").run(context -> {
            assertThat(context).hasSingleBean(LogbackPiiRedaction.class);
            assertThat(context.getBean(LogbackPiiRedaction.class).redactingLayouts()).isPositive();
            logger.info("mail {} card 4111 1111 1111 1111", "jane.doe@example.com");
            String line = logged();
            assertThat(line).startsWith("INFO mail ").doesNotContain("jane.doe@example.com").doesNotContain("4111 1111 1111 1111");
        });
        logger.info("mail jane.doe@example.com");
        assertThat(logged()).contains("jane.doe@example.com");
    }

    @Test
    void converterCanBeUsedDirectlyInAPattern() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.PatternLayout layout = new ch.qos.logback.classic.PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("redacted", PiiRedactingMessageConverter::new);
        layout.setPattern("%redacted");
        layout.start();
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                "fqcn", logger, ch.qos.logback.classic.Level.INFO, "call +1 415 555 0100 or jane@example.com", null, null);
        assertThat(layout.doLayout(event)).doesNotContain("jane@example.com").doesNotContain("555 0100");
    }
}
