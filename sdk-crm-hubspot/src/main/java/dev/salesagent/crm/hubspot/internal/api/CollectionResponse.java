package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code CollectionResponse...} / {@code CollectionResponseWithTotal...}: one page of results with the
 * {@code paging.next.after} cursor when more results exist.
 *
 * @param <T> item type
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionResponse<T>(Integer total, List<T> results, Paging paging) {

    /** Results, never null. */
    public List<T> resultsOrEmpty() {
        return results == null ? List.of() : results;
    }

    /** The {@code after} cursor of the next page, or null on the last page. */
    public String nextAfter() {
        return paging == null || paging.next() == null ? null : paging.next().after();
    }

    /** {@code Paging}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paging(NextPage next) {}

    /** {@code NextPage}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextPage(String after, String link) {}
}
