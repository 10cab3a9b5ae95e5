package dev.salesagent.agents.sales.research;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SPI for firmographic enrichment (Clearbit, ZoomInfo, an internal data warehouse, ...). The lead pipeline's
 * research step calls it once per lead with the lead's normalized domain. Implementations must be thread-safe;
 * a provider that fails should throw an unchecked exception, which the research step records as a research
 * error and continues without enrichment.
 */
@FunctionalInterface
public interface EnrichmentProvider {

    /**
     * Looks a company up by domain.
     *
     * @param domain bare lower-case domain, e.g. {@code acme.com}
     * @return the company's facts, or empty when unknown
     */
    Optional<Firmographics> lookup(String domain);

    /** {@return a provider that knows nothing (the default)} */
    static EnrichmentProvider none() {
        return domain -> Optional.empty();
    }

    /**
     * {@return a provider answering from a fixed set of records, keyed by their domain (case-insensitive)}
     *
     * @param records the records, keyed by their domain
     */
    static EnrichmentProvider of(Collection<Firmographics> records) {
        Map<String, Firmographics> byDomain = records.stream().collect(Collectors.toUnmodifiableMap(
                f -> f.domain().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> b));
        return domain -> domain == null ? Optional.empty()
                : Optional.ofNullable(byDomain.get(domain.toLowerCase(Locale.ROOT)));
    }
}
