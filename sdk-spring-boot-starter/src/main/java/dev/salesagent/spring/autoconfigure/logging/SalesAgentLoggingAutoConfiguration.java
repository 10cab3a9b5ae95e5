package dev.salesagent.spring.autoconfigure.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Opt-in PII redaction of log messages: with {@code salesagent.logging.redact-pii=true} and Logback as the SLF4J
 * backend, every pattern layout renders {@code %m}/{@code %msg}/{@code %message} through
 * {@link PiiRedactingMessageConverter} and logged exceptions through {@link PiiRedactingThrowableConverter}, with the
 * redactor {@code salesagent.logging.phone-regions} and {@code salesagent.logging.pseudonym-key} configure. Off by
 * default; does nothing when another logging backend is bound.
 */
@AutoConfiguration
@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
@ConditionalOnBooleanProperty(name = "salesagent.logging.redact-pii")
@EnableConfigurationProperties(LoggingProperties.class)
public final class SalesAgentLoggingAutoConfiguration {

    /** Created by Spring. */
    SalesAgentLoggingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LogbackPiiRedaction salesAgentLogbackPiiRedaction(LoggingProperties properties) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return new LogbackPiiRedaction(context, properties.redactor());
        }
        LoggerFactory.getLogger(SalesAgentLoggingAutoConfiguration.class)
                .warn("salesagent.logging.redact-pii=true but SLF4J is not bound to Logback; log messages are not redacted");
        return new LogbackPiiRedaction(new LoggerContext());
    }
}
