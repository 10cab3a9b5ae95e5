package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import java.util.List;

/** Exceptions the adapter raises itself (before or without a vendor call). */
final class Errors {

    private Errors() {
    }

    static CrmNotFoundException notFound(String provider, String type, String id) {
        return new CrmNotFoundException(type + " '" + id + "' not found", ErrorDetails.http(provider, 404,
                "NONEXISTENT_ID", null));
    }

    static CrmValidationException invalid(String provider, String field, String code, String message) {
        return new CrmValidationException(message, ErrorDetails.of(provider),
                List.of(new CrmValidationException.FieldError(field, code, message)));
    }
}
