package dev.salesagent.crm.netsuite.internal.api;

/** Body of {@code POST /services/rest/query/v1/suiteql}: the query in {@code q}. */
public record SuiteQlRequest(String q) {
}
