package dev.salesagent.crm.salesforce.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads the CC0 Salesforce sample data (sObject-tree JSON from trailheadapps/apex-recipes and trailheadapps/ebikes-lwc,
 * see {@code shared/data/README.md}) into the simulator. {@code @Ref} references are resolved per data set like the
 * Salesforce CLI's data plans do. The ebikes custom objects map onto the standard ones the adapter uses:
 * {@code Product__c} becomes {@code Product2} with a standard {@code PricebookEntry} at its {@code MSRP__c},
 * {@code Order__c}/{@code Order_Item__c} become {@code Order}/{@code OrderItem}. The adapter's external-id key fields
 * are back-filled (lower-cased e-mail; website host as domain, first account wins on duplicates).
 */
final class SampleData {

    private final SalesforceSimulator sim;

    SampleData(SalesforceSimulator sim) {
        this.sim = sim;
    }

    /**
     * The sample data directory: {@code -Dsalesagent.data.dir} if set, else the copy shipped in this module's test
     * resources ({@code sample-data/salesforce}).
     */
    static Path dataDir() {
        String configured = System.getProperty("salesagent.data.dir");
        if (configured != null) {
            return Path.of(configured, "salesforce");
        }
        URL bundled = SampleData.class.getResource("/sample-data/salesforce/apex-recipes/Accounts.json");
        if (bundled == null) {
            throw new IllegalStateException("test resource sample-data/salesforce is missing; set -Dsalesagent.data.dir");
        }
        try {
            return Path.of(bundled.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void load() {
        Path dir = dataDir();
        Map<String, String> refs = new HashMap<>();
        Set<String> domains = new HashSet<>();
        for (JsonNode r : records(dir.resolve("apex-recipes/Accounts.json"))) {
            refs.put(ref(r), account(r, domains));
        }
        for (JsonNode r : records(dir.resolve("apex-recipes/Contacts.json"))) {
            ObjectNode c = copy(r, "Contact", refs);
            if (c.hasNonNull("Email")) {
                c.put(SalesforceSimulator.CONTACT_KEY_FIELD, c.get("Email").asText().toLowerCase(Locale.ROOT));
            }
            refs.put(ref(r), id(sim.insert(sim.schema().require("Contact"), c)));
        }
        for (JsonNode r : records(dir.resolve("apex-recipes/Opportunities.json"))) {
            refs.put(ref(r), id(sim.insert(sim.schema().require("Opportunity"), copy(r, "Opportunity", refs))));
        }

        Map<String, String> bikes = new HashMap<>();
        for (JsonNode r : records(dir.resolve("ebikes/Accounts.json"))) {
            bikes.put(ref(r), account(r, domains));
        }
        for (JsonNode r : records(dir.resolve("ebikes/Opportunities.json"))) {
            sim.insert(sim.schema().require("Opportunity"), copy(r, "Opportunity", bikes));
        }
        Map<String, String> families = new HashMap<>();
        for (JsonNode r : records(dir.resolve("ebikes/Product_Family__cs.json"))) {
            families.put(ref(r), r.path("Name").asText());
        }
        Map<String, String> entries = new HashMap<>();
        Map<String, BigDecimal> prices = new HashMap<>();
        for (JsonNode r : records(dir.resolve("ebikes/Product__cs.json"))) {
            ObjectNode p = sim.json().createObjectNode();
            String name = r.path("Name").asText();
            p.put("Name", name);
            p.put("ProductCode", name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-"));
            p.put("Description", r.path("Description__c").asText(null));
            p.put("IsActive", true);
            String family = families.get(r.path("Product_Family__c").asText("").replace("@", ""));
            if (family != null) {
                p.put("Family", family);
            }
            String productId = id(sim.insert(sim.schema().require("Product2"), p));
            ObjectNode e = sim.json().createObjectNode();
            e.put("Pricebook2Id", sim.standardPricebookId());
            e.put("Product2Id", productId);
            BigDecimal price = r.path("MSRP__c").decimalValue();
            e.put("UnitPrice", price);
            e.put("IsActive", true);
            entries.put(ref(r), id(sim.insert(sim.schema().require("PricebookEntry"), e)));
            prices.put(ref(r), price);
        }
        Map<String, String> orders = new HashMap<>();
        for (JsonNode r : records(dir.resolve("ebikes/Order__cs.json"))) {
            ObjectNode o = sim.json().createObjectNode();
            o.put("AccountId", bikes.get(r.path("Account__c").asText().substring(1)));
            o.put("EffectiveDate", LocalDate.of(2025, 1, 15).toString());
            o.put("Status", "Draft");
            o.put("Pricebook2Id", sim.standardPricebookId());
            o.put("Description", r.path("Name").asText() + " (" + r.path("Status__c").asText() + ")");
            orders.put(ref(r), id(sim.insert(sim.schema().require("Order"), o)));
        }
        for (JsonNode r : records(dir.resolve("ebikes/Order_Item__cs.json"))) {
            String product = r.path("Product__c").asText().substring(1);
            ObjectNode i = sim.json().createObjectNode();
            i.put("OrderId", orders.get(r.path("Order__c").asText().substring(1)));
            i.put("PricebookEntryId", entries.get(product));
            i.put("Quantity", r.path("Qty_S__c").asInt() + r.path("Qty_M__c").asInt() + r.path("Qty_L__c").asInt());
            i.put("UnitPrice", r.hasNonNull("Price__c") ? r.get("Price__c").decimalValue() : prices.get(product));
            sim.insert(sim.schema().require("OrderItem"), i);
        }
    }

    private String account(JsonNode r, Set<String> domains) {
        ObjectNode a = copy(r, "Account", Map.of());
        if (a.hasNonNull("Website")) {
            String host;
            try {
                host = URI.create(a.get("Website").asText().trim()).getHost();
            } catch (IllegalArgumentException e) {
                host = null;
            }
            if (host != null) {
                String domain = host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
                if (domains.add(domain)) {
                    a.put(SalesforceSimulator.ACCOUNT_KEY_FIELD, domain);
                }
            }
        }
        return id(sim.insert(sim.schema().require("Account"), a));
    }

    /** Copies the fields the simulator's schema knows, canonicalising names and coercing sample-data types. */
    private ObjectNode copy(JsonNode r, String type, Map<String, String> refs) {
        SimSchema.SObject object = sim.schema().require(type);
        ObjectNode out = sim.json().createObjectNode();
        r.properties().forEach(e -> object.field(e.getKey()).ifPresent(f -> {
            JsonNode v = e.getValue();
            if (v.isNull() || f.readOnly()) {
                return;
            }
            switch (f.type()) {
                case REFERENCE -> {
                    String target = refs.get(v.asText().replace("@", ""));
                    if (target != null) {
                        out.put(f.name(), target);
                    }
                }
                case INT -> out.put(f.name(), v.asLong());
                case DOUBLE, CURRENCY -> out.put(f.name(), new BigDecimal(v.asText()));
                case DATE -> out.put(f.name(), v.asText().substring(0, 10));
                case BOOLEAN -> out.put(f.name(), v.asBoolean());
                default -> out.put(f.name(), v.asText());
            }
        }));
        return out;
    }

    private JsonNode records(Path file) {
        try {
            return sim.json().readTree(Files.readString(file)).path("records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ref(JsonNode r) {
        return r.path("attributes").path("referenceId").asText();
    }

    private static String id(ObjectNode record) {
        return record.get("Id").asText();
    }
}
