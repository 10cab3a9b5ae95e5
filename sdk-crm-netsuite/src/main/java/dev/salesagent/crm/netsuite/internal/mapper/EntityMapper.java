package dev.salesagent.crm.netsuite.internal.mapper;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.instant;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.netsuite.internal.api.ContactBody;
import dev.salesagent.crm.netsuite.internal.api.CustomerBody;
import dev.salesagent.crm.netsuite.internal.api.RecordRef;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps accounts to company {@code customer} records and contacts to {@code contact} records, both ways.
 *
 * <p>Account fields NetSuite has no standard field for ({@code industry}, {@code employees}, {@code annualRevenue},
 * {@code country}) are read and written only when mapped to a customer field with
 * {@code fieldMapping.account.<field>}. Custom fields ({@code custentity...}) pass through under their field ids.
 */
public final class EntityMapper {

    /** Alias of the creation time column in our SuiteQL queries. */
    public static final String CREATED = "sa_created";
    /** Alias of the last-modified column in our SuiteQL queries. */
    public static final String MODIFIED = "sa_modified";
    /** Alias of the contact's company web address column. */
    public static final String COMPANY_URL = "sa_company_url";

    private final String provider;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Map<String, String> accountMapping;
    private final String subsidiaryId;

    /** @param subsidiaryId subsidiary of new companies, or null (accounts without OneWorld) */
    public EntityMapper(String provider, ObjectMapper json, ZoneId zone, Map<String, String> accountMapping,
                        String subsidiaryId) {
        this.provider = provider;
        this.json = json;
        this.zone = zone;
        this.accountMapping = Map.copyOf(accountMapping);
        this.subsidiaryId = subsidiaryId;
    }

    /** The select list + FROM of account queries ({@code c} = customer). */
    public String accountSelect() {
        return "SELECT c.*, " + SuiteQl.datetimeColumn("c.datecreated", CREATED) + ", "
                + SuiteQl.datetimeColumn("c.lastmodifieddate", MODIFIED) + " FROM customer c WHERE c.isperson = 'F'";
    }

    /** The select list + FROM of contact queries ({@code c} = contact, {@code co} = its company). */
    public String contactSelect() {
        return "SELECT c.*, co.url AS " + COMPANY_URL + ", " + SuiteQl.datetimeColumn("c.datecreated", CREATED) + ", "
                + SuiteQl.datetimeColumn("c.lastmodifieddate", MODIFIED)
                + " FROM contact c LEFT JOIN customer co ON co.id = c.company WHERE 1 = 1";
    }

    public Account account(ObjectNode row) {
        Map<String, Object> custom = customFields(row, Set.copyOf(accountMapping.values()));
        String employees = mapped(row, "employees");
        String revenue = mapped(row, "annualRevenue");
        return Account.builder()
                .id(new CrmId(provider, text(row, "id")))
                .name(text(row, "companyname"))
                .domain(text(row, "url"))
                .phone(text(row, "phone"))
                .industry(mapped(row, "industry"))
                .employees(number(employees) == null ? null : number(employees).longValue())
                .annualRevenue(number(revenue))
                .country(mapped(row, "country"))
                .createdAt(instant(row, CREATED, zone))
                .updatedAt(instant(row, MODIFIED, zone))
                .customFields(custom)
                .build();
    }

    public Contact contact(ObjectNode row) {
        String company = text(row, "company");
        return Contact.builder()
                .id(new CrmId(provider, text(row, "id")))
                .email(text(row, "email"))
                .firstName(text(row, "firstname"))
                .lastName(text(row, "lastname"))
                .title(text(row, "title"))
                .phone(text(row, "phone"))
                .accountId(company == null ? null : new CrmId(provider, company))
                .accountDomain(text(row, COMPANY_URL))
                .createdAt(instant(row, CREATED, zone))
                .updatedAt(instant(row, MODIFIED, zone))
                .customFields(customFields(row, Set.of()))
                .build();
    }

    /**
     * Write body of a company. On create it sets {@code url} to {@code https://<domain>} and {@code isPerson} false;
     * an update leaves the web address as it is (it matched the domain already) and sends only non-null fields. A new
     * company without a name is named after its domain (NetSuite requires {@code companyName}).
     */
    public ObjectNode customerBody(Account a, boolean create) {
        String name = create && a.name() == null ? a.domain() : a.name();
        ObjectNode body = json.valueToTree(new CustomerBody(name,
                create && a.domain() != null ? "https://" + a.domain() : null, a.phone(), create ? Boolean.FALSE : null,
                create ? RecordRef.of(subsidiaryId) : null));
        putMapped(body, "industry", a.industry());
        putMapped(body, "employees", a.employees());
        putMapped(body, "annualRevenue", a.annualRevenue());
        putMapped(body, "country", a.country());
        putCustom(body, a.customFields());
        return body;
    }

    /** Write body of a contact. A contact without any name gets its e-mail as last name (NetSuite needs a name). */
    public ObjectNode contactBody(Contact c, String companyId, boolean create) {
        String lastName = c.lastName();
        if (create && c.firstName() == null && lastName == null) {
            lastName = c.email();
        }
        ObjectNode body = json.valueToTree(new ContactBody(c.firstName(), lastName, c.email(), c.title(), c.phone(),
                RecordRef.of(companyId)));
        putCustom(body, c.customFields());
        return body;
    }

    /** A number in a custom field, or null when empty or not a number (custom fields are free text). */
    private static java.math.BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(text.trim().replace(",", ""));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private String mapped(ObjectNode row, String field) {
        String column = accountMapping.get(field);
        return column == null ? null : text(row, column);
    }

    private void putMapped(ObjectNode body, String field, Object value) {
        String target = accountMapping.get(field);
        if (target != null && value != null) {
            body.set(target, json.valueToTree(value));
        }
    }

    private void putCustom(ObjectNode body, Map<String, Object> custom) {
        custom.forEach((k, v) -> body.set(k, json.valueToTree(v)));
    }

    /** Columns named {@code cust...} except the mapped ones, under their field ids. */
    static Map<String, Object> customFields(ObjectNode row, Set<String> exclude) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            if (e.getKey().startsWith("cust") && !exclude.contains(e.getKey()) && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }
}
