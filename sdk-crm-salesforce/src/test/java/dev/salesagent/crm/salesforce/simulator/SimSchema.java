package dev.salesagent.crm.salesforce.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The slice of the Salesforce object model the simulator knows (standard objects from the Object Reference plus the
 * adapter's external-id custom fields). Field names are case-insensitive as in Salesforce; the canonical spelling is
 * what responses use.
 */
final class SimSchema {

    enum Type { ID, STRING, EMAIL, TEXTAREA, PICKLIST, PHONE, URL, INT, DOUBLE, CURRENCY, BOOLEAN, DATE, DATETIME, REFERENCE }

    record Field(String name, Type type, boolean required, int maxLength, boolean readOnly, boolean externalId,
                 String referenceTo) {
        /** Relationship name used in SOQL paths, e.g. {@code Product2Id -> Product2}, {@code ParentId -> Parent}. */
        String relationshipName() {
            return name.endsWith("Id") ? name.substring(0, name.length() - 2) : name.replace("__c", "__r");
        }
    }

    static final class SObject {
        final String name;
        final String keyPrefix;
        final Map<String, Field> fields = new LinkedHashMap<>();

        SObject(String name, String keyPrefix) {
            this.name = name;
            this.keyPrefix = keyPrefix;
            add("Id", Type.ID, false, 18, true, false, null);
            add("IsDeleted", Type.BOOLEAN, false, 0, true, false, null);
            add("CreatedDate", Type.DATETIME, false, 0, true, false, null);
            add("LastModifiedDate", Type.DATETIME, false, 0, true, false, null);
            add("SystemModstamp", Type.DATETIME, false, 0, true, false, null);
        }

        SObject add(String field, Type type, boolean required, int maxLength, boolean readOnly, boolean externalId,
                    String referenceTo) {
            fields.put(field.toLowerCase(Locale.ROOT),
                    new Field(field, type, required, maxLength, readOnly, externalId, referenceTo));
            return this;
        }

        SObject text(String field, int max) { return add(field, Type.STRING, false, max, false, false, null); }
        SObject required(String field, Type type, int max) { return add(field, type, true, max, false, false, null); }
        SObject of(String field, Type type) { return add(field, type, false, 255, false, false, null); }
        SObject readOnly(String field, Type type) { return add(field, type, false, 255, true, false, null); }
        SObject ref(String field, String target, boolean required) {
            return add(field, Type.REFERENCE, required, 18, false, false, target);
        }
        SObject externalId(String field, int max) { return add(field, Type.STRING, false, max, false, true, null); }

        Optional<Field> field(String name) {
            return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The reference field behind a relationship name ({@code Account} or {@code Parent}). */
        Optional<Field> relationship(String relationshipName) {
            return fields.values().stream()
                    .filter(f -> f.type() == Type.REFERENCE && f.relationshipName().equalsIgnoreCase(relationshipName))
                    .findFirst();
        }
    }

    final Map<String, SObject> objects = new LinkedHashMap<>();

    SimSchema(String contactKeyField, String accountKeyField, String orderKeyField) {
        put(new SObject("User", "005").text("Name", 121).text("Username", 80).of("Email", Type.EMAIL));
        put(new SObject("Account", "001").required("Name", Type.STRING, 255).of("Website", Type.URL)
                .of("Industry", Type.PICKLIST).of("Type", Type.PICKLIST).of("NumberOfEmployees", Type.INT)
                .of("AnnualRevenue", Type.CURRENCY).of("Phone", Type.PHONE).of("Fax", Type.PHONE)
                .add("Description", Type.TEXTAREA, false, 32000, false, false, null)
                .text("BillingStreet", 255).text("BillingCity", 40).text("BillingState", 80)
                .text("BillingPostalCode", 20).text("BillingCountry", 80)
                .text("ShippingStreet", 255).text("ShippingCity", 40).text("ShippingState", 80)
                .text("ShippingPostalCode", 20).text("ShippingCountry", 80)
                .ref("OwnerId", "User", false).externalId(accountKeyField, 255)
                .of("Tier__c", Type.PICKLIST).of("Seats__c", Type.DOUBLE));
        put(new SObject("Contact", "003").text("FirstName", 40).required("LastName", Type.STRING, 80)
                .of("Email", Type.EMAIL).text("Title", 128).of("Phone", Type.PHONE).of("MobilePhone", Type.PHONE)
                .of("LeadSource", Type.PICKLIST)
                .ref("AccountId", "Account", false).ref("OwnerId", "User", false).externalId(contactKeyField, 255));
        put(new SObject("Opportunity", "006").required("Name", Type.STRING, 120).ref("AccountId", "Account", false)
                .ref("OwnerId", "User", false).required("StageName", Type.PICKLIST, 255).of("Amount", Type.CURRENCY)
                .required("CloseDate", Type.DATE, 0).of("Probability", Type.DOUBLE)
                .add("Description", Type.TEXTAREA, false, 32000, false, false, null));
        put(new SObject("Note", "002").ref("ParentId", "*", true).required("Title", Type.STRING, 80)
                .add("Body", Type.TEXTAREA, false, 32000, false, false, null).of("IsPrivate", Type.BOOLEAN)
                .ref("OwnerId", "User", false));
        put(new SObject("Product2", "01t").required("Name", Type.STRING, 255).text("ProductCode", 255)
                .add("Description", Type.TEXTAREA, false, 4000, false, false, null).of("IsActive", Type.BOOLEAN)
                .of("Family", Type.PICKLIST));
        put(new SObject("Pricebook2", "01s").required("Name", Type.STRING, 255).readOnly("IsStandard", Type.BOOLEAN)
                .of("IsActive", Type.BOOLEAN));
        put(new SObject("PricebookEntry", "01u").ref("Pricebook2Id", "Pricebook2", true)
                .ref("Product2Id", "Product2", true).required("UnitPrice", Type.CURRENCY, 0)
                .of("IsActive", Type.BOOLEAN).of("UseStandardPrice", Type.BOOLEAN));
        put(new SObject("Order", "801").ref("AccountId", "Account", true).required("EffectiveDate", Type.DATE, 0)
                .required("Status", Type.PICKLIST, 255).ref("Pricebook2Id", "Pricebook2", false)
                .readOnly("TotalAmount", Type.CURRENCY).readOnly("OrderNumber", Type.STRING)
                .add("Description", Type.TEXTAREA, false, 32000, false, false, null)
                .ref("OwnerId", "User", false).externalId(orderKeyField, 255));
        put(new SObject("OrderItem", "802").ref("OrderId", "Order", true)
                .ref("PricebookEntryId", "PricebookEntry", true).add("Product2Id", Type.REFERENCE, false, 18, false,
                        false, "Product2")
                .required("Quantity", Type.DOUBLE, 0).required("UnitPrice", Type.CURRENCY, 0)
                .readOnly("TotalPrice", Type.CURRENCY).add("Description", Type.STRING, false, 255, false, false, null));
    }

    /** A multi-currency org: {@code CurrencyIsoCode} on the currency-bearing objects. */
    SimSchema multiCurrency() {
        for (String name : new String[] {"Account", "Opportunity", "PricebookEntry", "Order", "OrderItem"}) {
            object(name).orElseThrow().of("CurrencyIsoCode", Type.PICKLIST);
        }
        return this;
    }

    private void put(SObject object) {
        objects.put(object.name.toLowerCase(Locale.ROOT), object);
    }

    Optional<SObject> object(String name) {
        return Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
    }

    SObject require(String name) {
        return object(name).orElseThrow(() -> new SfError(404, "NOT_FOUND",
                "The requested resource does not exist", java.util.List.of()));
    }

    Optional<SObject> byKeyPrefix(String id) {
        if (id == null || id.length() < 3) {
            return Optional.empty();
        }
        return objects.values().stream().filter(o -> id.startsWith(o.keyPrefix)).findFirst();
    }
}
