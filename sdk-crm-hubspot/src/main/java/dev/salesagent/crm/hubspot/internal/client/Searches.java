package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import java.time.Instant;
import java.util.List;

/** Search request builders shared by the operations. */
final class Searches {
    private Searches() {}

    /** Page size HubSpot accepts: at most 200. */
    static int limit(PageRequest page) {
        return Math.min(page.size(), SearchRequest.MAX_LIMIT);
    }

    /** Records whose last-modified property is after {@code since} (epoch millis), oldest change first. */
    static SearchRequest changedSince(ObjectKind kind, Instant since, PageRequest page, List<String> properties) {
        String property = kind.lastModifiedProperty();
        return new SearchRequest(null,
                List.of(new SearchRequest.FilterGroup(List.of(
                        SearchRequest.Filter.of(property, "GT", String.valueOf(since.toEpochMilli()))))),
                List.of(new SearchRequest.Sort(property, "ASCENDING")),
                properties, limit(page), page.cursor());
    }
}
