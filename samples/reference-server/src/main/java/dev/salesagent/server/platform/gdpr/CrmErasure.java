package dev.salesagent.server.platform.gdpr;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Propagates an erasure to the tenant's CRM through {@link TenantCrmClients}: {@code contacts().erase(email)}, which
 * looks the contact up by e-mail and deletes it (HubSpot: its permanent GDPR delete). A CRM failure is returned as
 * {@link Result#FAILED} with a reason built from the error's type, HTTP status, vendor code and request id (never its
 * message, which may quote the e-mail); nothing is retried here: the caller re-submits the request.
 */
@Component
class CrmErasure {

    private static final Logger log = LoggerFactory.getLogger(CrmErasure.class);

    /** What happened in the CRM. */
    enum Result {
        /** A contact with the e-mail existed and was deleted. */
        DELETED,
        /** The CRM holds no contact with the e-mail. */
        NOT_FOUND,
        /** The CRM cannot delete contacts through the SPI; the tenant must erase there by hand. */
        UNSUPPORTED,
        /** The CRM call failed; see the reason, and re-submit to retry. */
        FAILED;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The outcome for one request.
     *
     * @param provider the CRM provider id, e.g. {@code hubspot}
     * @param result what happened
     * @param reason why it failed or is unsupported; {@code null} otherwise
     */
    record Outcome(String provider, Result result, String reason) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", provider);
            m.put("result", result.id());
            m.put("reason", reason);
            return m;
        }
    }

    private final TenantCrmClients crms;

    CrmErasure(TenantCrmClients crms) {
        this.crms = crms;
    }

    Outcome erase(UUID tenantId, String email) {
        CrmClient crm;
        try {
            crm = crms.forTenant(tenantId);
        } catch (CrmException e) {
            return failed(e.providerId(), e);
        }
        if (!crm.supports(CrmCapability.CONTACTS) || !crm.supports(CrmCapability.CONTACT_DELETE)) {
            return new Outcome(crm.providerId(), Result.UNSUPPORTED,
                    "the " + crm.providerId() + " adapter cannot delete contacts; erase the person in the CRM by hand");
        }
        try {
            return new Outcome(crm.providerId(), crm.contacts().erase(email) ? Result.DELETED : Result.NOT_FOUND, null);
        } catch (CrmException e) {
            return failed(crm.providerId(), e);
        }
    }

    private static Outcome failed(String provider, CrmException e) {
        StringBuilder reason = new StringBuilder(e.getClass().getSimpleName());
        if (e.httpStatus() > 0) {
            reason.append(", HTTP ").append(e.httpStatus());
        }
        if (e.vendorCode() != null) {
            reason.append(", vendor code ").append(e.vendorCode());
        }
        if (e.requestId() != null) {
            reason.append(", request id ").append(e.requestId());
        }
        reason.append(e.retryable() ? "; retryable: re-submit the erasure" : "; not retryable as is");
        log.warn("GDPR erasure in the CRM {} failed: {}", provider, reason);
        return new Outcome(provider, Result.FAILED, reason.toString());
    }
}
