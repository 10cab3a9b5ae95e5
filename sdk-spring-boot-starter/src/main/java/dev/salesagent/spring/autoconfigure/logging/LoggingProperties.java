package dev.salesagent.spring.autoconfigure.logging;

import dev.salesagent.common.redact.PiiRedactor;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Logging settings, prefix {@code salesagent.logging}.
 *
 * @param redactPii Whether to pass log messages and logged exceptions written by Logback pattern layouts through the
 *     SDK's PII redactor (masks secrets and tokens, e-mail addresses, phone numbers, payment cards, IBANs, SSNs and
 *     the record fields of an open redaction context). Default false.
 * @param phoneRegions Regions (ISO 3166-1 alpha-2 codes such as GB or DE) whose national phone number formats are
 *     recognised; numbers written with + or an international prefix are recognised for every region. Default: US, GB,
 *     DE, FR, ES, IT, NL, BE, CH, AT, SE, PL, IE, IN, AU, BR, MX, JP, CN, SG, ZA, CA.
 * @param pseudonymKey Base64 key (at least 16 bytes) for consistent pseudonyms such as email:3f2a9c1e in place of
 *     masks, the same in every service whose logs must correlate; keep it in a secret store. Default none (masks).
 */
@ConfigurationProperties("salesagent.logging")
public record LoggingProperties(boolean redactPii, List<String> phoneRegions, String pseudonymKey) {

    /**
     * The redactor these settings describe.
     *
     * @throws IllegalArgumentException if a region is unknown or the key is not Base64 of at least 16 bytes
     */
    PiiRedactor redactor() {
        PiiRedactor.Builder b = PiiRedactor.builder();
        if (phoneRegions != null && !phoneRegions.isEmpty()) {
            b.phoneRegions(phoneRegions);
        }
        return b.pseudonymKeyBase64(pseudonymKey).build();
    }
}
