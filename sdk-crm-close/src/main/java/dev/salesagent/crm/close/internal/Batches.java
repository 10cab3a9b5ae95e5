package dev.salesagent.crm.close.internal;

import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;

/** Which failures belong to one batch item (and which fail the whole call). */
final class Batches {

    private Batches() {
    }

    /** Validation, not-found and conflict answers concern one record; auth, rate limits and outages the whole call. */
    static boolean itemFailure(CrmException e) {
        return e instanceof CrmValidationException || e instanceof CrmNotFoundException
                || e instanceof CrmConflictException;
    }
}
