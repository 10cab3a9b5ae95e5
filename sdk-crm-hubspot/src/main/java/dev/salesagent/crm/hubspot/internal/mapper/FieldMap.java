package dev.salesagent.crm.hubspot.internal.mapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our field names to HubSpot property names for one object kind: the defaults of {@link ObjectKind}, overridden by
 * configuration {@code fieldMapping.<kind>.<field>=<property>} (or unqualified {@code fieldMapping.<field>}), plus
 * extra properties to read into {@code customFields}.
 */
public final class FieldMap {

    /** Properties HubSpot maintains itself; never copied into {@code customFields}. */
    static final Set<String> SYSTEM = Set.of("hs_object_id", "createdate", "lastmodifieddate", "hs_lastmodifieddate",
            "hs_createdate", "hs_object_source", "hs_object_source_id", "hs_object_source_label", "hs_object_source_user_id");

    private final ObjectKind kind;
    private final Map<String, String> ourToVendor;
    private final Map<String, String> vendorToOur;
    private final List<String> readProperties;

    private FieldMap(ObjectKind kind, Map<String, String> ourToVendor, List<String> extraProperties) {
        this.kind = kind;
        this.ourToVendor = Collections.unmodifiableMap(ourToVendor);
        Map<String, String> reverse = new LinkedHashMap<>();
        ourToVendor.forEach((our, vendor) -> reverse.put(vendor, our));
        this.vendorToOur = Collections.unmodifiableMap(reverse);
        List<String> read = new ArrayList<>(ourToVendor.values());
        for (String p : extraProperties) {
            if (!read.contains(p)) {
                read.add(p);
            }
        }
        this.readProperties = List.copyOf(read);
    }

    /**
     * Builds the map of one kind.
     *
     * @param mappings configuration field mappings ({@code contact.title -> job_function} or {@code title -> ...})
     * @param extraProperties additional HubSpot properties to read (they land in {@code customFields})
     */
    public static FieldMap of(ObjectKind kind, Map<String, String> mappings, List<String> extraProperties) {
        Map<String, String> m = new LinkedHashMap<>(kind.defaults());
        for (String field : kind.defaults().keySet()) {
            String unqualified = mappings.get(field);
            String qualified = mappings.get(kind.configName() + "." + field);
            if (qualified != null) {
                m.put(field, qualified);
            } else if (unqualified != null) {
                m.put(field, unqualified);
            }
        }
        return new FieldMap(kind, m, extraProperties);
    }

    /** Defaults only. */
    public static FieldMap defaults(ObjectKind kind) {
        return of(kind, Map.of(), List.of());
    }

    public ObjectKind kind() {
        return kind;
    }

    /** HubSpot property of our field. */
    public String property(String ourField) {
        String p = ourToVendor.get(ourField);
        if (p == null) {
            throw new IllegalArgumentException("no field " + ourField + " on " + kind);
        }
        return p;
    }

    /** Our field name of a HubSpot property, or the property itself when unmapped. */
    public String field(String property) {
        return vendorToOur.getOrDefault(property, property);
    }

    /** Whether the property is one of our mapped fields. */
    public boolean isMapped(String property) {
        return vendorToOur.containsKey(property);
    }

    /** Properties to request on reads: mapped fields then extra properties. */
    public List<String> readProperties() {
        return readProperties;
    }

    /** Properties that are neither mapped nor HubSpot-maintained, for {@code customFields}. */
    public Map<String, Object> custom(Map<String, String> properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (v != null && !isMapped(k) && !SYSTEM.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
