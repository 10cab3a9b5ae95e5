package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.close.CloseConfig;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Close JSON objects to SPI records. Close contacts have one {@code name}: it is split at the first space into first and
 * last name, and written as {@code "first last"}. Amounts are Close's integer cents ({@code value}) divided by 100.
 */
final class CloseRecords {

    private CloseRecords() {
    }

    static CrmId id(String value) {
        return value == null ? null : CrmId.of(CloseConfig.PROVIDER_ID, value);
    }

    static String[] splitName(String name) {
        if (name == null || name.isBlank()) {
            return new String[] {null, null};
        }
        String n = name.trim();
        int space = n.indexOf(' ');
        return space < 0 ? new String[] {n, null} : new String[] {n.substring(0, space), n.substring(space + 1).trim()};
    }

    static String joinName(String first, String last) {
        String n = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
        return n.isEmpty() ? null : n;
    }

    static Contact contact(JsonNode n) {
        String[] name = splitName(CloseApi.text(n.path("name")));
        String email = null;
        for (JsonNode e : n.path("emails")) {
            email = email != null ? email : CloseApi.text(e.path("email"));
        }
        String phone = n.path("phones").isArray() && n.path("phones").size() > 0
                ? CloseApi.text(n.path("phones").get(0).path("phone")) : null;
        return Contact.builder().id(id(n.path("id").asText())).email(email).firstName(name[0]).lastName(name[1])
                .title(CloseApi.text(n.path("title"))).phone(phone).accountId(id(CloseApi.text(n.path("lead_id"))))
                .createdAt(CloseApi.instant(n.path("date_created"))).updatedAt(CloseApi.instant(n.path("date_updated")))
                .build();
    }

    static Account account(JsonNode n, CloseConfig config) {
        Map<String, Object> custom = new LinkedHashMap<>();
        putIfText(custom, "status_label", n.path("status_label"));
        putIfText(custom, "description", n.path("description"));
        putIfText(custom, "html_url", n.path("html_url"));
        String country = null;
        for (JsonNode a : n.path("addresses")) {
            country = country != null ? country : CloseApi.text(a.path("country"));
        }
        return Account.builder().id(id(n.path("id").asText())).name(CloseApi.text(n.path("name")))
                .domain(CloseApi.text(n.path("url")))
                .industry(config.accountCustomField("industry").map(f -> CloseApi.text(n.path("custom." + f))).orElse(null))
                .employees(config.accountCustomField("employees").map(f -> n.path("custom." + f))
                        .filter(JsonNode::isNumber).map(JsonNode::asLong).orElse(null))
                .annualRevenue(config.accountCustomField("annualRevenue").map(f -> n.path("custom." + f))
                        .filter(JsonNode::isNumber).map(JsonNode::decimalValue).orElse(null))
                .phone(config.accountCustomField("phone").map(f -> CloseApi.text(n.path("custom." + f))).orElse(null))
                .country(country)
                .createdAt(CloseApi.instant(n.path("date_created"))).updatedAt(CloseApi.instant(n.path("date_updated")))
                .customFields(custom).build();
    }

    static Opportunity opportunity(JsonNode n) {
        Map<String, Object> custom = new LinkedHashMap<>();
        putIfText(custom, "status_id", n.path("status_id"));
        putIfText(custom, "status_type", n.path("status_type"));
        putIfText(custom, "value_period", n.path("value_period"));
        putIfText(custom, "lead_name", n.path("lead_name"));
        putIfText(custom, "contact_id", n.path("contact_id"));
        putIfText(custom, "pipeline_id", n.path("pipeline_id"));
        if (n.path("confidence").isNumber()) {
            custom.put("confidence", n.path("confidence").asInt());
        }
        String dateWon = CloseApi.text(n.path("date_won"));
        return Opportunity.builder().id(id(n.path("id").asText())).name(CloseApi.text(n.path("note")))
                .accountId(id(CloseApi.text(n.path("lead_id")))).ownerId(CloseApi.text(n.path("user_id")))
                .stage(CloseApi.text(n.path("status_label")))
                .amount(n.path("value").isNumber() ? new BigDecimal(n.path("value").bigIntegerValue()).movePointLeft(2) : null)
                .currency(CloseApi.text(n.path("value_currency")))
                .closeDate(dateWon == null ? null : LocalDate.parse(dateWon.length() > 10 ? dateWon.substring(0, 10) : dateWon))
                .createdAt(CloseApi.instant(n.path("date_created"))).updatedAt(CloseApi.instant(n.path("date_updated")))
                .customFields(custom).build();
    }

    static Note note(JsonNode n, NoteTarget target) {
        Map<String, Object> custom = new LinkedHashMap<>();
        putIfText(custom, "lead_id", n.path("lead_id"));
        putIfText(custom, "contact_id", n.path("contact_id"));
        putIfText(custom, "user_id", n.path("user_id"));
        var created = CloseApi.instant(n.path("date_created"));
        var at = CloseApi.instant(n.path("activity_at"));
        return Note.builder().id(id(n.path("id").asText())).target(target).body(CloseApi.text(n.path("note")))
                .timestamp(at != null ? at : created).createdAt(created).customFields(custom).build();
    }

    private static void putIfText(Map<String, Object> into, String key, JsonNode v) {
        String t = CloseApi.text(v);
        if (t != null) {
            into.put(key, t);
        }
    }
}
