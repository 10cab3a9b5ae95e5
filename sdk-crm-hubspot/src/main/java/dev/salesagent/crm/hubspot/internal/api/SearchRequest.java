package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code PublicObjectSearchRequest}: body of {@code POST /crm/v3/objects/{objectType}/search}. Filters inside a group
 * are ANDed, groups are ORed (up to 5 groups, 6 filters each); {@code limit} is at most 200 and the search
 * returns at most 10,000 results in total.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/search">CRM search</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRequest(
        String query, List<FilterGroup> filterGroups, List<Sort> sorts, List<String> properties, Integer limit, String after) {

    /** Maximum {@code limit} HubSpot accepts for one search page. */
    public static final int MAX_LIMIT = 200;

    /** A group of ANDed filters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FilterGroup(List<Filter> filters) {}

    /** One filter; {@code operator} is EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, ... */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String propertyName, String operator, String value, String highValue, List<String> values) {
        public static Filter of(String property, String operator, String value) {
            return new Filter(property, operator, value, null, null);
        }
    }

    /** Sort: {@code direction} is ASCENDING or DESCENDING. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sort(String propertyName, String direction) {}
}
