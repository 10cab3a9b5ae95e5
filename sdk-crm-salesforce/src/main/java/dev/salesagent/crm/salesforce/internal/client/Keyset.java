package dev.salesagent.crm.salesforce.internal.client;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors for keyset paging: the sort value and {@code Id} of the last row of a page. SOQL's
 * {@code OFFSET} stops at 2,000 rows and query locators expire, so pages continue with
 * {@code WHERE (sort > last OR (sort = last AND Id > lastId))} instead, which stays stable while records change.
 */
record Keyset(String sortValue, String id) {

    String encode() {
        String raw = (sortValue == null ? "" : sortValue) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Keyset decode(String providerId, String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.lastIndexOf('|');
            String id = raw.substring(bar + 1);
            if (bar < 0 || !id.matches("[a-zA-Z0-9]{15,18}")) {
                throw new IllegalArgumentException("no id");
            }
            return new Keyset(bar == 0 ? null : raw.substring(0, bar), id);
        } catch (IllegalArgumentException e) {
            throw malformed(providerId, cursor);
        }
    }

    static CrmValidationException malformed(String providerId, String cursor) {
        return new CrmValidationException("malformed page cursor", ErrorDetails.of(providerId),
                List.of(new FieldError("cursor", "INVALID_CURSOR", "not a cursor of this listing: " + cursor)));
    }

    static Keyset ofTime(Instant sortValue, String id) {
        return new Keyset(Soql.dateTime(sortValue), id);
    }
}
