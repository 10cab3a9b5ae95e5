package dev.salesagent.agents.sales.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Objects;

/**
 * One fact known about a lead, with where it came from. Outreach and scoring may only state facts that exist
 * as a {@code ResearchFact}; that is how the rules implementations avoid inventing anything.
 *
 * @param source where the fact comes from
 * @param text   the fact as a short sentence fragment, e.g. {@code Acme has 1,200 employees}
 * @param url    where it was found (web results), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResearchFact(Source source, String text, String url) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param source where the fact comes from
     * @param text the fact as a short sentence fragment, e.g. {@code Acme has 1,200 employees}
     * @param url where it was found (web results), or null
     */
    public ResearchFact {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /**
     * {@return a fact without URL}
     *
     * @param source where the fact comes from
     * @param text the fact, one sentence
     */
    public static ResearchFact of(Source source, String text) {
        return new ResearchFact(source, text, null);
    }

    /** Origin of a fact. Serialized lower case. */
    public enum Source {
        /** The lead record itself (title, notes, industry, ...). */
        LEAD,
        /** Existing records in the CRM (account, contacts, opportunities). */
        CRM,
        /** An {@link EnrichmentProvider}. */
        ENRICHMENT,
        /** A LangChain4j {@code WebSearchEngine} result. */
        WEB;

        /** {@return the lower-case name used in JSON} */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
