package dev.salesagent.crm.hubspot.internal.client;

import java.util.Comparator;

/** HubSpot record ids are decimal strings; order them numerically without parsing overflow. */
final class Ids {
    private Ids() {}

    static final Comparator<String> NUMERIC_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
}
