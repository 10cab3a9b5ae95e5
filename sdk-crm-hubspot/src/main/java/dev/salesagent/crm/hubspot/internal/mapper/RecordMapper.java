package dev.salesagent.crm.hubspot.internal.mapper;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Maps our records to HubSpot property maps and HubSpot objects back to our records, honouring the configured
 * {@link FieldMap}s. Writes contain only non-null fields (HubSpot keeps properties that are not sent), plus
 * {@code customFields} as string properties.
 */
public final class RecordMapper {

    private final String provider;
    private final FieldMap contacts;
    private final FieldMap accounts;
    private final FieldMap deals;
    private final FieldMap notes;
    private final FieldMap products;
    private final String defaultCurrency;

    public RecordMapper(String provider, Map<ObjectKind, FieldMap> maps, String defaultCurrency) {
        this.provider = Objects.requireNonNull(provider);
        this.contacts = maps.get(ObjectKind.CONTACT);
        this.accounts = maps.get(ObjectKind.ACCOUNT);
        this.deals = maps.get(ObjectKind.OPPORTUNITY);
        this.notes = maps.get(ObjectKind.NOTE);
        this.products = maps.get(ObjectKind.PRODUCT);
        this.defaultCurrency = defaultCurrency;
    }

    public FieldMap map(ObjectKind kind) {
        return switch (kind) {
            case CONTACT -> contacts;
            case ACCOUNT -> accounts;
            case OPPORTUNITY -> deals;
            case NOTE -> notes;
            case PRODUCT -> products;
        };
    }

    public CrmId id(String value) {
        return value == null ? null : CrmId.of(provider, value);
    }

    // ------------------------------------------------------------------ contacts

    public Map<String, String> properties(Contact c) {
        Map<String, String> p = custom(c.customFields());
        Values.put(p, contacts.property("email"), c.email());
        Values.put(p, contacts.property("firstName"), c.firstName());
        Values.put(p, contacts.property("lastName"), c.lastName());
        Values.put(p, contacts.property("title"), c.title());
        Values.put(p, contacts.property("phone"), c.phone());
        return p;
    }

    public Contact contact(SimplePublicObject o, CrmId accountId, String accountDomain) {
        return Contact.builder()
                .id(id(o.id()))
                .email(o.property(contacts.property("email")))
                .firstName(o.property(contacts.property("firstName")))
                .lastName(o.property(contacts.property("lastName")))
                .title(o.property(contacts.property("title")))
                .phone(o.property(contacts.property("phone")))
                .accountId(accountId)
                .accountDomain(accountDomain)
                .createdAt(o.createdAt())
                .updatedAt(o.updatedAt())
                .customFields(contacts.custom(o.properties()))
                .build();
    }

    // ------------------------------------------------------------------ companies

    public Map<String, String> properties(Account a) {
        Map<String, String> p = custom(a.customFields());
        Values.put(p, accounts.property("name"), a.name());
        Values.put(p, accounts.property("domain"), a.domain());
        Values.put(p, accounts.property("industry"), a.industry());
        Values.put(p, accounts.property("employees"), a.employees());
        Values.put(p, accounts.property("annualRevenue"), a.annualRevenue());
        Values.put(p, accounts.property("country"), a.country());
        Values.put(p, accounts.property("phone"), a.phone());
        return p;
    }

    public Account account(SimplePublicObject o) {
        return Account.builder()
                .id(id(o.id()))
                .name(o.property(accounts.property("name")))
                .domain(o.property(accounts.property("domain")))
                .industry(o.property(accounts.property("industry")))
                .employees(Values.integer(o.property(accounts.property("employees"))))
                .annualRevenue(Values.decimal(o.property(accounts.property("annualRevenue"))))
                .country(o.property(accounts.property("country")))
                .phone(o.property(accounts.property("phone")))
                .createdAt(o.createdAt())
                .updatedAt(o.updatedAt())
                .customFields(accounts.custom(o.properties()))
                .build();
    }

    // ------------------------------------------------------------------ deals

    /**
     * A deal as an opportunity.
     *
     * @param stageLabel maps a {@code dealstage} id to its label (identity when unknown)
     */
    public Opportunity opportunity(SimplePublicObject o, CrmId accountId, UnaryOperator<String> stageLabel) {
        String stageId = o.property(deals.property("stage"));
        String currency = o.property(deals.property("currency"));
        Map<String, Object> custom = deals.custom(o.properties());
        custom.remove(deals.property("pipeline"));
        return Opportunity.builder()
                .id(id(o.id()))
                .name(o.property(deals.property("name")))
                .accountId(accountId)
                .ownerId(o.property(deals.property("ownerId")))
                .stage(stageId == null ? null : stageLabel.apply(stageId))
                .amount(Values.decimal(o.property(deals.property("amount"))))
                .currency(currency == null ? defaultCurrency : currency)
                .closeDate(Values.localDate(o.property(deals.property("closeDate"))))
                .createdAt(o.createdAt())
                .updatedAt(o.updatedAt())
                .customFields(custom)
                .build();
    }

    // ------------------------------------------------------------------ notes

    public Note note(SimplePublicObject o, NoteTarget target) {
        return Note.builder()
                .id(id(o.id()))
                .target(target)
                .body(o.property(notes.property("body")))
                .timestamp(Values.instant(o.property(notes.property("timestamp"))))
                .createdAt(o.createdAt())
                .customFields(notes.custom(o.properties()))
                .build();
    }

    // ------------------------------------------------------------------ products

    public Product product(SimplePublicObject o) {
        return Product.builder()
                .id(id(o.id()))
                .sku(o.property(products.property("sku")))
                .name(o.property(products.property("name")))
                .description(o.property(products.property("description")))
                .unitPrice(Values.decimal(o.property(products.property("unitPrice"))))
                .currency(defaultCurrency)
                .active(!Boolean.TRUE.equals(o.archived()))
                .createdAt(o.createdAt())
                .updatedAt(o.updatedAt())
                .customFields(products.custom(o.properties()))
                .build();
    }

    private static Map<String, String> custom(Map<String, Object> customFields) {
        Map<String, String> p = new LinkedHashMap<>();
        customFields.forEach((k, v) -> Values.put(p, k, v));
        return p;
    }
}
