package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds HubSpot companies by web domain. {@code domain} is not a unique property in HubSpot (a portal may hold several
 * companies with one domain, and {@code idProperty=domain} is answered with 400 "Unable to perform update/upsert by
 * non-unique 0-2 property domain"), so domains are looked up with the CRM search: one {@code domain IN (...)} filter
 * per {@value #MAX_IN_VALUES} domains, sorted by {@code hs_object_id} ascending, paging through {@code after} when a
 * chunk matches more than 200 companies. Where several companies share a domain, the oldest (lowest id) wins.
 *
 * <p>When the portal has a custom property with unique values holding the domain ({@code companyKeyProperty}), it is
 * read with batch reads by {@code idProperty} instead, which (unlike search) see writes immediately.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/search">CRM search (filters, IN values, limits)</a>
 */
final class CompanyLookup {

    /** Values per {@code IN} filter used here (HubSpot's search guide limits {@code IN}/{@code NOT_IN} to 100 values). */
    static final int MAX_IN_VALUES = 100;

    private final HubSpotApi api;
    private final String domainProperty;
    private final String keyProperty;

    /** {@code keyProperty} may be null (no unique domain property in the portal). */
    CompanyLookup(HubSpotApi api, String domainProperty, String keyProperty) {
        this.api = api;
        this.domainProperty = domainProperty;
        this.keyProperty = keyProperty;
    }

    /** The configured unique domain property, or null. */
    String keyProperty() {
        return keyProperty;
    }

    /**
     * The company of each normalised domain that has one (the oldest when several share it); domains without a
     * company are absent. {@code properties} are read in addition to the domain (and key) property.
     */
    Map<String, SimplePublicObject> byDomain(Collection<String> domains, List<String> properties) {
        Map<String, SimplePublicObject> out = new LinkedHashMap<>();
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(domains));
        if (wanted.isEmpty()) {
            return out;
        }
        String matchProperty = keyProperty != null ? keyProperty : domainProperty;
        Set<String> read = new LinkedHashSet<>(properties);
        read.add(domainProperty);
        read.add(matchProperty);
        if (keyProperty != null) {
            for (SimplePublicObject o : api.batchReadByProperty("companies", keyProperty, wanted, List.copyOf(read))) {
                put(out, o, Set.copyOf(wanted));
            }
            return out;
        }
        for (int i = 0; i < wanted.size(); i += MAX_IN_VALUES) {
            List<String> chunk = wanted.subList(i, Math.min(wanted.size(), i + MAX_IN_VALUES));
            Set<String> chunkSet = Set.copyOf(chunk);
            String after = null;
            do {
                SearchRequest request = new SearchRequest(null,
                        List.of(new SearchRequest.FilterGroup(List.of(
                                new SearchRequest.Filter(domainProperty, "IN", null, null, List.copyOf(chunk))))),
                        List.of(new SearchRequest.Sort("hs_object_id", "ASCENDING")), List.copyOf(read),
                        SearchRequest.MAX_LIMIT, after);
                CollectionResponse<SimplePublicObject> page = api.search("companies", request);
                page.resultsOrEmpty().forEach(o -> put(out, o, chunkSet));
                after = page.nextAfter();
            } while (after != null);
        }
        return out;
    }

    private void put(Map<String, SimplePublicObject> out, SimplePublicObject o, Set<String> wanted) {
        String d = Account.normalizeDomain(o.property(keyProperty != null ? keyProperty : domainProperty));
        if (d != null && wanted.contains(d)) {
            out.putIfAbsent(d, o);
        }
    }
}
