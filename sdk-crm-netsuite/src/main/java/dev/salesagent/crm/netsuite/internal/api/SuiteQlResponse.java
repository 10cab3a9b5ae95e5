package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One page of a SuiteQL result as documented in
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html">Executing SuiteQL
 * Queries Through REST Web Services</a>: {@code links}, {@code count}, {@code hasMore}, {@code items} (column names in
 * lower case, values usually strings), {@code offset}, {@code totalResults}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SuiteQlResponse(List<Link> links, int count, boolean hasMore, List<ObjectNode> items, int offset,
                              int totalResults) {

    public List<ObjectNode> items() {
        return items == null ? List.of() : items;
    }

    /** The {@code next} link, if any. */
    public Optional<String> nextHref() {
        return links == null ? Optional.empty()
                : links.stream().filter(l -> "next".equals(l.rel())).map(Link::href).findFirst();
    }
}
