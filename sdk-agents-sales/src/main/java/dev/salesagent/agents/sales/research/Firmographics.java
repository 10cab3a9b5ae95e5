package dev.salesagent.agents.sales.research;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Company facts from an {@link EnrichmentProvider}. Every field but {@code domain} may be null.
 *
 * @param domain           the company's bare domain, e.g. {@code acme.com}
 * @param name             legal or trading name
 * @param industry         industry, free text
 * @param employees        employee count
 * @param annualRevenueUsd annual revenue in USD
 * @param country          headquarters country
 * @param technologies     technologies known to be in use (empty when unknown)
 * @param description      one-line description
 * @param source           who supplied the facts (shown in reasons and outreach citations), e.g. {@code clearbit}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Firmographics(String domain, String name, String industry, Long employees, BigDecimal annualRevenueUsd,
                            String country, List<String> technologies, String description, String source) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param domain the company's bare domain, e.g. {@code acme.com}
     * @param name legal or trading name
     * @param industry industry, free text
     * @param employees employee count
     * @param annualRevenueUsd annual revenue in USD
     * @param country headquarters country
     * @param technologies technologies known to be in use (empty when unknown)
     * @param description one-line description
     * @param source who supplied the facts (shown in reasons and outreach citations), e.g. {@code clearbit}
     */
    public Firmographics {
        Objects.requireNonNull(domain, "domain");
        technologies = technologies == null ? List.of() : List.copyOf(technologies);
        source = source == null ? "enrichment" : source;
    }
}
