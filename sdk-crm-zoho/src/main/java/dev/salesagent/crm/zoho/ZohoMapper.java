package dev.salesagent.crm.zoho;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Records to and from Zoho field API names (v8 standard fields, as named in Zoho's Java SDK 8.0
 * {@code com.zoho.crm.api.record.Field}): Contacts {@code Email, First_Name, Last_Name, Title, Phone,
 * Account_Name{id}}; Accounts {@code Account_Name, Website, Industry, Employees, Annual_Revenue, Billing_Country, Phone};
 * Deals {@code Deal_Name, Account_Name{id}, Owner{id}, Stage, Amount, Currency, Closing_Date}; Notes
 * {@code Note_Title, Note_Content, Parent_Id{module{api_name}, id}}; Products {@code Product_Code, Product_Name,
 * Description, Unit_Price, Product_Active}. Times are ISO-8601 with offset, whole seconds.
 */
final class ZohoMapper {

    static final String CONTACT_FIELDS = "Email,First_Name,Last_Name,Title,Phone,Account_Name,Created_Time,Modified_Time";
    static final String ACCOUNT_FIELDS = "Account_Name,Website,Industry,Employees,Annual_Revenue,Billing_Country,Phone,"
            + "Created_Time,Modified_Time";
    static final String DEAL_FIELDS = "Deal_Name,Account_Name,Owner,Stage,Amount,Currency,Closing_Date,Created_Time,"
            + "Modified_Time";
    static final String NOTE_FIELDS = "Note_Title,Note_Content,Parent_Id,Created_Time,Modified_Time";

    private static final Set<String> CONTACT_KNOWN = Set.of("id", "Email", "First_Name", "Last_Name", "Title", "Phone",
            "Account_Name", "Created_Time", "Modified_Time");
    private static final Set<String> ACCOUNT_KNOWN = Set.of("id", "Account_Name", "Website", "Industry", "Employees",
            "Annual_Revenue", "Billing_Country", "Phone", "Created_Time", "Modified_Time");

    private final ObjectMapper json;
    private final String currency;

    ZohoMapper(ObjectMapper json, String currency) {
        this.json = json;
        this.currency = currency;
    }

    static CrmId id(JsonNode n) {
        return CrmId.of(ZohoCrmClientProvider.ID, n.path("id").asText());
    }

    static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : OffsetDateTime.parse(t).toInstant();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static CrmId lookup(JsonNode n, String field) {
        JsonNode v = n.path(field).path("id");
        return v.isMissingNode() || v.isNull() ? null : CrmId.of(ZohoCrmClientProvider.ID, v.asText());
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : new BigDecimal(v.asText());
    }

    private static Map<String, Object> custom(JsonNode n, Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (!known.contains(e.getKey()) && !e.getKey().startsWith("$") && e.getValue().isValueNode()
                    && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    Contact contact(JsonNode n) {
        return Contact.builder().id(id(n)).email(text(n, "Email")).firstName(text(n, "First_Name"))
                .lastName(text(n, "Last_Name")).title(text(n, "Title")).phone(text(n, "Phone"))
                .accountId(lookup(n, "Account_Name")).createdAt(time(n, "Created_Time"))
                .updatedAt(time(n, "Modified_Time")).customFields(custom(n, CONTACT_KNOWN)).build();
    }

    ObjectNode contact(Contact c, String lastNameIfMissing) {
        ObjectNode o = json.createObjectNode();
        put(o, "Email", c.email());
        put(o, "First_Name", c.firstName());
        put(o, "Last_Name", c.lastName() != null ? c.lastName() : lastNameIfMissing);
        put(o, "Title", c.title());
        put(o, "Phone", c.phone());
        if (c.accountId() != null) {
            o.putObject("Account_Name").put("id", c.accountId().value());
        }
        return o;
    }

    Account account(JsonNode n) {
        String employees = text(n, "Employees");
        return Account.builder().id(id(n)).name(text(n, "Account_Name")).domain(text(n, "Website"))
                .industry(text(n, "Industry")).employees(employees == null ? null : Long.valueOf(employees))
                .annualRevenue(decimal(n, "Annual_Revenue")).country(text(n, "Billing_Country"))
                .phone(text(n, "Phone")).createdAt(time(n, "Created_Time")).updatedAt(time(n, "Modified_Time"))
                .customFields(custom(n, ACCOUNT_KNOWN)).build();
    }

    ObjectNode account(Account a, boolean create) {
        ObjectNode o = json.createObjectNode();
        put(o, "Account_Name", a.name() != null ? a.name() : create ? a.domain() : null);
        put(o, "Website", a.domain());
        put(o, "Industry", a.industry());
        if (a.employees() != null) {
            o.put("Employees", a.employees());
        }
        if (a.annualRevenue() != null) {
            o.put("Annual_Revenue", a.annualRevenue());
        }
        put(o, "Billing_Country", a.country());
        put(o, "Phone", a.phone());
        return o;
    }

    Opportunity deal(JsonNode n) {
        JsonNode owner = n.path("Owner").path("id");
        String closing = text(n, "Closing_Date");
        String cur = text(n, "Currency");
        return Opportunity.builder().id(id(n)).name(text(n, "Deal_Name")).accountId(lookup(n, "Account_Name"))
                .ownerId(owner.isMissingNode() || owner.isNull() ? null : owner.asText()).stage(text(n, "Stage"))
                .amount(decimal(n, "Amount")).currency(cur == null ? currency : cur)
                .closeDate(closing == null ? null : LocalDate.parse(closing)).createdAt(time(n, "Created_Time"))
                .updatedAt(time(n, "Modified_Time")).build();
    }

    Note note(JsonNode n, NoteTarget target) {
        return Note.builder().id(id(n)).target(target).body(text(n, "Note_Content"))
                .timestamp(time(n, "Created_Time")).createdAt(time(n, "Created_Time")).build();
    }

    Product product(JsonNode n) {
        JsonNode active = n.get("Product_Active");
        return Product.builder().id(id(n)).sku(text(n, "Product_Code")).name(text(n, "Product_Name"))
                .description(text(n, "Description")).unitPrice(decimal(n, "Unit_Price")).currency(currency)
                .active(active == null || active.isNull() || active.asBoolean())
                .createdAt(time(n, "Created_Time")).updatedAt(time(n, "Modified_Time")).build();
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
