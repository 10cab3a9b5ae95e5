package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;

/** Existence checks with one cheap SuiteQL query. */
final class NetSuiteRecords {

    private final NetSuiteApi api;

    NetSuiteRecords(NetSuiteApi api) {
        this.api = api;
    }

    /** @throws dev.salesagent.crm.CrmNotFoundException when the note target does not exist */
    void requireExists(NoteTarget target) {
        String raw = target.id().value();
        String type = target.type().name().toLowerCase(java.util.Locale.ROOT);
        String id = SuiteQl.id(raw).orElseThrow(() -> Errors.notFound(api.providerId(), type, raw));
        String q = switch (target.type()) {
            case ACCOUNT -> "SELECT c.id FROM customer c WHERE c.id = " + id + " ORDER BY c.id";
            case CONTACT -> "SELECT c.id FROM contact c WHERE c.id = " + id + " ORDER BY c.id";
            case OPPORTUNITY -> "SELECT t.id FROM transaction t WHERE t.type = 'Opprtnty' AND t.id = " + id
                    + " ORDER BY t.id";
        };
        if (api.suiteQlFirst(q, "records.exists").isEmpty()) {
            throw Errors.notFound(api.providerId(), type, raw);
        }
    }
}
