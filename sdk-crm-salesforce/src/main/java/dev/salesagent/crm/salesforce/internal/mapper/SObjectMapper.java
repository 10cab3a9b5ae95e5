package dev.salesagent.crm.salesforce.internal.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderStatus;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps SPI records to and from Salesforce sObject JSON (standard objects per the Object Reference,
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/). Field names come from
 * {@link Settings}: standard defaults, overridable and extensible through {@code fieldMapping.<record>.<field>} keys;
 * mappings to fields the SPI record lacks become custom fields.
 */
public final class SObjectMapper {

    /** Salesforce's JSON dateTime format, e.g. {@code 2024-01-15T10:20:30.000+0000}. */
    private static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /**
     * What the mapper needs from the configuration.
     *
     * @param provider       provider id for {@link CrmId}s
     * @param contactKey     external-id field on Contact (lower-cased e-mail)
     * @param accountKey     external-id field on Account (normalised domain)
     * @param orderKey       external-id field on Order (idempotency key)
     * @param orderStatuses  Order Status value per SPI status
     * @param currency       currency of a single-currency org
     * @param multiCurrency  whether {@code CurrencyIsoCode} exists
     * @param fieldMappings  {@code <record>.<field> -> SalesforceField} overrides and custom fields
     * @param defaultLastName LastName for new contacts without one
     */
    public record Settings(String provider, String contactKey, String accountKey, String orderKey,
                           Map<SalesOrderStatus, String> orderStatuses, String currency, boolean multiCurrency,
                           Map<String, String> fieldMappings, String defaultLastName) { }

    private final Settings settings;
    private final ObjectMapper json;
    private final Map<String, String> contact;
    private final Map<String, String> account;
    private final Map<String, String> opportunity;
    private final Map<String, String> product;
    private final Map<String, String> contactCustom;
    private final Map<String, String> accountCustom;
    private final Map<String, String> opportunityCustom;
    private final Map<String, String> productCustom;

    public SObjectMapper(Settings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        contact = standard("contact", ordered("firstName", "FirstName", "lastName", "LastName", "title", "Title",
                "phone", "Phone", "accountId", "AccountId"));
        account = standard("account", ordered("name", "Name", "industry", "Industry", "employees",
                "NumberOfEmployees", "annualRevenue", "AnnualRevenue", "country", "BillingCountry", "phone", "Phone"));
        opportunity = standard("opportunity", ordered("name", "Name", "accountId", "AccountId", "ownerId", "OwnerId",
                "stage", "StageName", "amount", "Amount", "closeDate", "CloseDate"));
        product = standard("product", ordered("sku", "ProductCode", "name", "Name", "description", "Description",
                "active", "IsActive"));
        contactCustom = custom("contact", contact);
        accountCustom = custom("account", account);
        opportunityCustom = custom("opportunity", opportunity);
        productCustom = custom("product", product);
    }

    public Settings settings() {
        return settings;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private Map<String, String> standard(String record, Map<String, String> defaults) {
        Map<String, String> m = new LinkedHashMap<>(defaults);
        m.replaceAll((ours, theirs) -> settings.fieldMappings().getOrDefault(record + "." + ours, theirs));
        return m;
    }

    private Map<String, String> custom(String record, Map<String, String> standard) {
        Map<String, String> m = new LinkedHashMap<>();
        String prefix = record + ".";
        settings.fieldMappings().forEach((k, v) -> {
            if (k.startsWith(prefix) && !standard.containsKey(k.substring(prefix.length()))) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    // ------------------------------------------------------------------ select lists

    private static String join(Iterable<String> fields) {
        return String.join(", ", fields);
    }

    public String contactFields() {
        LinkedHashSet<String> f = new LinkedHashSet<>(List.of("Id", "Email", settings.contactKey()));
        f.addAll(contact.values());
        f.addAll(contactCustom.values());
        f.addAll(List.of("Account." + settings.accountKey(), "CreatedDate", "SystemModstamp"));
        return join(f);
    }

    public String accountFields() {
        LinkedHashSet<String> f = new LinkedHashSet<>(List.of("Id", settings.accountKey(), "Website"));
        f.addAll(account.values());
        f.addAll(accountCustom.values());
        f.addAll(List.of("CreatedDate", "SystemModstamp"));
        return join(f);
    }

    public String opportunityFields() {
        LinkedHashSet<String> f = new LinkedHashSet<>(List.of("Id"));
        f.addAll(opportunity.values());
        f.addAll(opportunityCustom.values());
        if (settings.multiCurrency()) {
            f.add("CurrencyIsoCode");
        }
        f.addAll(List.of("CreatedDate", "SystemModstamp"));
        return join(f);
    }

    public String productFields() {
        LinkedHashSet<String> f = new LinkedHashSet<>(List.of("Id"));
        f.addAll(product.values());
        f.addAll(productCustom.values());
        f.addAll(List.of("CreatedDate", "SystemModstamp"));
        return join(f);
    }

    public String orderFields() {
        LinkedHashSet<String> f = new LinkedHashSet<>(List.of("Id", "AccountId", settings.orderKey(), "Status",
                "EffectiveDate", "TotalAmount", "OrderNumber", "Description"));
        if (settings.multiCurrency()) {
            f.add("CurrencyIsoCode");
        }
        f.addAll(List.of("CreatedDate", "SystemModstamp"));
        return join(f);
    }

    public String orderItemFields() {
        return "Id, OrderId, Product2Id, Product2." + product.get("sku") + ", Quantity, UnitPrice";
    }

    public static String noteFields() {
        return "Id, ParentId, Title, Body, CreatedDate";
    }

    // ------------------------------------------------------------------ records -> SPI

    private CrmId id(JsonNode row, String field) {
        String v = text(row, field);
        return v == null ? null : CrmId.of(settings.provider(), v);
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : new BigDecimal(v.asText());
    }

    /** Parses Salesforce's {@code 2024-01-15T10:20:30.000+0000}; {@code null} for null. */
    public static Instant instant(JsonNode row, String field) {
        String v = text(row, field);
        return v == null ? null : OffsetDateTime.parse(v, SF_DATETIME).toInstant();
    }

    private static LocalDate date(JsonNode row, String field) {
        String v = text(row, field);
        return v == null ? null : LocalDate.parse(v.substring(0, 10));
    }

    private Map<String, Object> customFields(JsonNode row, Map<String, String> custom) {
        Map<String, Object> m = new LinkedHashMap<>();
        custom.forEach((ours, theirs) -> {
            JsonNode v = row.get(theirs);
            if (v != null && !v.isNull()) {
                m.put(ours, v.isNumber() ? v.decimalValue() : v.isBoolean() ? v.asBoolean() : v.asText());
            }
        });
        return m;
    }

    public Contact toContact(JsonNode row) {
        JsonNode acc = row.get("Account");
        String domain = acc == null || acc.isNull() ? null : text(acc, settings.accountKey());
        return Contact.builder().id(id(row, "Id")).email(text(row, "Email"))
                .firstName(text(row, contact.get("firstName"))).lastName(text(row, contact.get("lastName")))
                .title(text(row, contact.get("title"))).phone(text(row, contact.get("phone")))
                .accountId(id(row, contact.get("accountId"))).accountDomain(domain)
                .createdAt(instant(row, "CreatedDate")).updatedAt(instant(row, "SystemModstamp"))
                .customFields(customFields(row, contactCustom)).build();
    }

    public Account toAccount(JsonNode row) {
        String domain = text(row, settings.accountKey());
        if (domain == null) {
            domain = Account.normalizeDomain(text(row, "Website"));
        }
        BigDecimal employees = decimal(row, account.get("employees"));
        return Account.builder().id(id(row, "Id")).name(text(row, account.get("name"))).domain(domain)
                .industry(text(row, account.get("industry")))
                .employees(employees == null ? null : employees.longValue())
                .annualRevenue(decimal(row, account.get("annualRevenue")))
                .country(text(row, account.get("country"))).phone(text(row, account.get("phone")))
                .createdAt(instant(row, "CreatedDate")).updatedAt(instant(row, "SystemModstamp"))
                .customFields(customFields(row, accountCustom)).build();
    }

    public Opportunity toOpportunity(JsonNode row) {
        return Opportunity.builder().id(id(row, "Id")).name(text(row, opportunity.get("name")))
                .accountId(id(row, opportunity.get("accountId"))).ownerId(text(row, opportunity.get("ownerId")))
                .stage(text(row, opportunity.get("stage"))).amount(decimal(row, opportunity.get("amount")))
                .currency(currency(row)).closeDate(date(row, opportunity.get("closeDate")))
                .createdAt(instant(row, "CreatedDate")).updatedAt(instant(row, "SystemModstamp"))
                .customFields(customFields(row, opportunityCustom)).build();
    }

    private String currency(JsonNode row) {
        return settings.multiCurrency() && text(row, "CurrencyIsoCode") != null ? text(row, "CurrencyIsoCode")
                : settings.currency();
    }

    /** A product; {@code priceEntry} is its standard PricebookEntry row or {@code null}. */
    public Product toProduct(JsonNode row, JsonNode priceEntry) {
        JsonNode active = row.get(product.get("active"));
        return Product.builder().id(id(row, "Id")).sku(text(row, product.get("sku")))
                .name(text(row, product.get("name"))).description(text(row, product.get("description")))
                .unitPrice(priceEntry == null ? null : decimal(priceEntry, "UnitPrice"))
                .currency(priceEntry == null ? settings.currency() : currency(priceEntry))
                .active(active == null || active.isNull() || active.asBoolean())
                .createdAt(instant(row, "CreatedDate")).updatedAt(instant(row, "SystemModstamp"))
                .customFields(customFields(row, productCustom)).build();
    }

    public SalesOrder toOrder(JsonNode row, List<JsonNode> items) {
        List<SalesOrderLine> lines = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode p = item.get("Product2");
            lines.add(new SalesOrderLine(id(item, "Product2Id"), p == null || p.isNull() ? null : text(p, product.get("sku")),
                    decimal(item, "Quantity"), decimal(item, "UnitPrice")));
        }
        String status = text(row, "Status");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("salesforceStatus", status);
        if (text(row, "OrderNumber") != null) {
            custom.put("orderNumber", text(row, "OrderNumber"));
        }
        if (text(row, "Description") != null) {
            custom.put("memo", text(row, "Description"));
        }
        return SalesOrder.builder().id(id(row, "Id")).customerId(id(row, "AccountId"))
                .idempotencyKey(text(row, settings.orderKey())).lines(lines).status(status(status))
                .total(decimal(row, "TotalAmount")).currency(currency(row)).orderDate(date(row, "EffectiveDate"))
                .createdAt(instant(row, "CreatedDate")).updatedAt(instant(row, "SystemModstamp"))
                .customFields(custom).build();
    }

    /** The SPI status of an Order {@code Status} value, or {@code null} when it is not mapped. */
    public SalesOrderStatus status(String salesforceStatus) {
        return settings.orderStatuses().entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(salesforceStatus)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    public Optional<String> statusValue(SalesOrderStatus status) {
        return Optional.ofNullable(settings.orderStatuses().get(status));
    }

    public Note toNote(JsonNode row, NoteTarget target) {
        Instant created = instant(row, "CreatedDate");
        return Note.builder().id(id(row, "Id")).target(target).body(text(row, "Body")).timestamp(created)
                .createdAt(created).customFields(text(row, "Title") == null ? Map.of()
                        : Map.of("title", text(row, "Title"))).build();
    }

    // ------------------------------------------------------------------ SPI -> request bodies

    private void put(ObjectNode body, String field, Object value) {
        if (value instanceof BigDecimal d) {
            putDecimal(body, field, d);
        } else if (value != null) {
            body.set(field, json.valueToTree(value));
        }
    }

    /**
     * Writes {@code value} as a plain JSON number ({@link BigDecimal#toPlainString()}: {@code 1000}, never
     * {@code 1E+3}; {@code 0.0000001}, never {@code 1E-7}), the exact digits the caller gave. Nothing when null.
     */
    public static void putDecimal(ObjectNode body, String field, BigDecimal value) {
        if (value != null) {
            body.putRawValue(field, new RawValue(value.toPlainString()));
        }
    }

    private void putCustom(ObjectNode body, Map<String, Object> values, Map<String, String> custom) {
        values.forEach((ours, v) -> {
            String theirs = custom.get(ours);
            if (theirs != null) {
                put(body, theirs, v);
            }
        });
    }

    /**
     * Contact fields to write: the non-null ones only (null keeps the stored value), never the external-id field
     * (the upsert URL carries it). {@code accountId} is the resolved account, or null.
     */
    public ObjectNode contactBody(Contact c, String accountId) {
        ObjectNode body = json.createObjectNode();
        put(body, "Email", c.email());
        put(body, contact.get("firstName"), c.firstName());
        put(body, contact.get("lastName"), c.lastName());
        put(body, contact.get("title"), c.title());
        put(body, contact.get("phone"), c.phone());
        put(body, contact.get("accountId"), accountId);
        putCustom(body, c.customFields(), contactCustom);
        return body;
    }

    /** The Salesforce field our {@code field} of {@code record} ({@code contact}, {@code account}, ...) maps to. */
    public String field(String record, String field) {
        Map<String, String> m = switch (record) {
            case "contact" -> contact;
            case "account" -> account;
            case "opportunity" -> opportunity;
            case "product" -> product;
            default -> throw new IllegalArgumentException(record);
        };
        return m.get(field);
    }

    public ObjectNode accountBody(Account a) {
        ObjectNode body = json.createObjectNode();
        put(body, account.get("name"), a.name());
        put(body, account.get("industry"), a.industry());
        put(body, account.get("employees"), a.employees());
        put(body, account.get("annualRevenue"), a.annualRevenue());
        put(body, account.get("country"), a.country());
        put(body, account.get("phone"), a.phone());
        putCustom(body, a.customFields(), accountCustom);
        return body;
    }

    public ObjectNode opportunityUpdateBody(String stage, BigDecimal amount) {
        ObjectNode body = json.createObjectNode();
        put(body, opportunity.get("stage"), stage);
        put(body, opportunity.get("amount"), amount);
        return body;
    }

    /** Adds {@code attributes.type} and the external id, as sObject Collections requires. */
    public ObjectNode collectionRecord(String sObject, ObjectNode body, String keyField, String keyValue) {
        ObjectNode r = json.createObjectNode();
        r.putObject("attributes").put("type", sObject);
        r.setAll(body);
        r.put(keyField, keyValue);
        return r;
    }

    /** Our field name for a Salesforce field, for {@code FieldError}s; the Salesforce name when unmapped. */
    public String ourField(String sObject, String salesforceField) {
        Map<String, String> m = switch (sObject.toLowerCase(Locale.ROOT)) {
            case "contact" -> contact;
            case "account" -> account;
            case "opportunity" -> opportunity;
            case "product2" -> product;
            case "" -> {
                Map<String, String> all = new LinkedHashMap<>(contact);
                account.forEach(all::putIfAbsent);
                opportunity.forEach(all::putIfAbsent);
                product.forEach(all::putIfAbsent);
                yield all;
            }
            default -> Map.of();
        };
        if (salesforceField.equalsIgnoreCase("Email")) {
            return "email";
        }
        if (salesforceField.equalsIgnoreCase(settings.accountKey())) {
            return "domain";
        }
        if (sObject.equalsIgnoreCase("Note")) {
            return salesforceField.equalsIgnoreCase("Body") ? "body"
                    : salesforceField.equalsIgnoreCase("ParentId") ? "target" : salesforceField;
        }
        if (sObject.equalsIgnoreCase("Order")) {
            return salesforceField.equalsIgnoreCase("AccountId") ? "customerId"
                    : salesforceField.equalsIgnoreCase("EffectiveDate") ? "orderDate" : salesforceField;
        }
        return m.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(salesforceField))
                .map(Map.Entry::getKey).findFirst().orElse(salesforceField);
    }
}
