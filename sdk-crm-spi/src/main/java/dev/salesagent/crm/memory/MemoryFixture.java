package dev.salesagent.crm.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON fixture into an {@link InMemoryCrmClient}. Shape (every section optional; references
 * between records use the account's domain):
 *
 * <pre>{@code
 * {
 *   "accounts":      [{"name": "Acme", "domain": "acme.com", "industry": "Manufacturing", "employees": 250,
 *                      "annualRevenue": 1200000, "country": "US", "phone": "...", "customFields": {...}}],
 *   "contacts":      [{"email": "jane@acme.com", "firstName": "Jane", "lastName": "Doe", "title": "CTO",
 *                      "phone": "...", "accountDomain": "acme.com"}],
 *   "opportunities": [{"name": "Acme renewal", "accountDomain": "acme.com", "ownerId": "u1",
 *                      "stage": "qualification", "amount": 50000, "currency": "USD", "closeDate": "2026-12-31"}],
 *   "products":      [{"sku": "EB-100", "name": "E-bike", "description": "...", "unitPrice": 1999.00,
 *                      "currency": "USD", "active": true, "inventory": {"Berlin": 12, "Austin": 3}}],
 *   "credit":        [{"accountDomain": "acme.com", "creditLimit": 100000, "openBalance": 25000, "currency": "USD"}]
 * }
 * }</pre>
 */
final class MemoryFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryCrmClient client;

    MemoryFixture(InMemoryCrmClient client) {
        this.client = client;
    }

    void load(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse memory CRM fixture", e);
        }
        for (JsonNode a : root.path("accounts")) {
            client.accounts().upsert(Account.builder().name(text(a, "name")).domain(text(a, "domain"))
                    .industry(text(a, "industry"))
                    .employees(a.hasNonNull("employees") ? a.get("employees").asLong() : null)
                    .annualRevenue(decimal(a, "annualRevenue")).country(text(a, "country")).phone(text(a, "phone"))
                    .customFields(custom(a)).build());
        }
        for (JsonNode c : root.path("contacts")) {
            client.contacts().upsert(Contact.builder().email(text(c, "email")).firstName(text(c, "firstName"))
                    .lastName(text(c, "lastName")).title(text(c, "title")).phone(text(c, "phone"))
                    .accountDomain(text(c, "accountDomain")).customFields(custom(c)).build());
        }
        for (JsonNode o : root.path("opportunities")) {
            client.seedOpportunity(Opportunity.builder().name(text(o, "name")).accountId(account(text(o, "accountDomain")))
                    .ownerId(text(o, "ownerId")).stage(text(o, "stage")).amount(decimal(o, "amount"))
                    .currency(text(o, "currency"))
                    .closeDate(o.hasNonNull("closeDate") ? LocalDate.parse(o.get("closeDate").asText()) : null)
                    .customFields(custom(o)).build());
        }
        for (JsonNode p : root.path("products")) {
            Map<String, BigDecimal> stock = new LinkedHashMap<>();
            p.path("inventory").properties().forEach(e -> stock.put(e.getKey(), e.getValue().decimalValue()));
            client.seedProduct(Product.builder().sku(text(p, "sku")).name(text(p, "name"))
                    .description(text(p, "description")).unitPrice(decimal(p, "unitPrice"))
                    .currency(text(p, "currency")).active(p.path("active").asBoolean(true))
                    .customFields(custom(p)).build(), stock);
        }
        for (JsonNode c : root.path("credit")) {
            CrmId account = account(text(c, "accountDomain"));
            if (account == null) {
                throw new IllegalArgumentException("credit entry without accountDomain: " + c);
            }
            client.seedCredit(account.value(), decimal(c, "creditLimit"),
                    c.hasNonNull("openBalance") ? c.get("openBalance").decimalValue() : BigDecimal.ZERO,
                    text(c, "currency"));
        }
    }

    private CrmId account(String domain) {
        if (domain == null) {
            return null;
        }
        return client.accounts().findByDomain(domain).map(Account::id).orElseThrow(
                () -> new CrmNotFoundException("fixture refers to unknown account domain '" + domain + "'", null));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.decimalValue();
    }

    private static Map<String, Object> custom(JsonNode node) {
        JsonNode c = node.get("customFields");
        if (c == null || !c.isObject()) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        c.properties().forEach(e -> m.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        return m;
    }
}
