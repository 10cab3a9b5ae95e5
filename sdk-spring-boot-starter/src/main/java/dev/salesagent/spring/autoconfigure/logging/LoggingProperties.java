package dev.salesagent.spring.autoconfigure.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Logging settings, prefix {@code salesagent.logging}.
 *
 * @param redactPii Whether to pass log messages written by Logback pattern layouts through the SDK's PII redactor
 *     (masks e-mail addresses, payment cards, IBANs, SSNs and phone numbers). Default false.
 */
@ConfigurationProperties("salesagent.logging")
public record LoggingProperties(boolean redactPii) {
}
