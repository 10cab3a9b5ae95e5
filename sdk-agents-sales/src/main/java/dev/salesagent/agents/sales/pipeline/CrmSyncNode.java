package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.PipelineState.AnalyzedLead;
import dev.salesagent.agents.sales.pipeline.PipelineState.IndexedOutcome;
import dev.salesagent.agents.sales.pipeline.PipelineState.SyncReport;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code crm_sync} node: writes every analyzed lead of the run with one {@code upsertAll} for accounts (one per
 * distinct domain) and one for contacts (linked to their account), then one note per lead. Per-record CRM errors
 * land on that lead's {@link CrmOutcome}; a failure of a whole call (authentication, unavailable) fails the run.
 */
final class CrmSyncNode {

    private static final Logger LOG = LoggerFactory.getLogger(CrmSyncNode.class);

    private final CrmClient crm;

    CrmSyncNode(CrmClient crm) {
        this.crm = crm;
    }

    SyncReport sync(List<AnalyzedLead> analyzed, Boolean approved) {
        List<AnalyzedLead> all = analyzed.stream().sorted(Comparator.comparingInt(a -> a.result().index())).toList();
        String provider = crm.providerId();
        if (!Boolean.TRUE.equals(approved)) {
            List<IndexedOutcome> skipped = all.stream()
                    .map(a -> new IndexedOutcome(a.result().index(), CrmOutcome.skipped(provider))).toList();
            return new SyncReport(new CrmSyncSummary(provider, false, 0, 0, 0, 0, 0, 0, 0), skipped);
        }
        List<AnalyzedLead> eligible = all.stream().filter(a -> a.lead() != null && a.result().ok()).toList();
        Map<Integer, Builder> out = new LinkedHashMap<>();
        all.forEach(a -> out.put(a.result().index(), new Builder(a.lead() != null && a.result().ok())));
        int batchCalls = 0;
        int failed = 0;
        int accountsCreated = 0;
        int accountsUpdated = 0;

        // 1. accounts, one per distinct domain
        Map<String, CrmId> accountIds = new HashMap<>();
        if (crm.supports(CrmCapability.ACCOUNTS)) {
            Map<String, Account> byDomain = new LinkedHashMap<>();
            for (AnalyzedLead a : eligible) {
                Lead l = a.lead();
                if (l.domain() != null) {
                    byDomain.putIfAbsent(l.domain(), Account.builder().domain(l.domain())
                            .name(l.company() != null ? l.company() : l.domain()).industry(l.industry())
                            .employees(l.employees()).country(l.country()).build());
                }
            }
            if (!byDomain.isEmpty()) {
                List<String> domains = new ArrayList<>(byDomain.keySet());
                List<BatchItemResult<Account>> results = crm.accounts().upsertAll(new ArrayList<>(byDomain.values()));
                batchCalls++;
                Map<String, BatchItemResult<Account>> byDomainResult = new HashMap<>();
                for (BatchItemResult<Account> r : results) {
                    String domain = domains.get(r.index());
                    byDomainResult.put(domain, r);
                    if (r.isSuccess()) {
                        accountIds.put(domain, r.result().id());
                        if (r.result().created()) {
                            accountsCreated++;
                        } else {
                            accountsUpdated++;
                        }
                    } else {
                        failed++;
                    }
                }
                java.util.Set<String> reported = new java.util.HashSet<>();
                for (AnalyzedLead a : eligible) {
                    BatchItemResult<Account> r = a.lead().domain() == null ? null : byDomainResult.get(a.lead().domain());
                    if (r != null) {
                        Builder b = out.get(a.result().index());
                        if (r.isSuccess()) {
                            b.accountId = r.result().id().value();
                            // only the first lead of a company created its account; the others found it there
                            b.accountCreated = r.result().created() && reported.add(a.lead().domain());
                        } else {
                            b.errors.add("account: " + r.error().getMessage());
                        }
                    }
                }
            }
        }

        // 2. contacts
        int contactsCreated = 0;
        int contactsUpdated = 0;
        if (crm.supports(CrmCapability.CONTACTS)) {
            List<AnalyzedLead> withEmail = eligible.stream().filter(a -> a.lead().email() != null).toList();
            if (!withEmail.isEmpty()) {
                List<Contact> contacts = new ArrayList<>(withEmail.size());
                for (AnalyzedLead a : withEmail) {
                    Lead l = a.lead();
                    contacts.add(Contact.builder().email(l.email()).firstName(l.firstName()).lastName(l.lastName())
                            .title(l.title()).phone(l.phone())
                            .accountId(l.domain() == null ? null : accountIds.get(l.domain()))
                            .accountDomain(l.domain()).build());
                }
                List<BatchItemResult<Contact>> results = crm.contacts().upsertAll(contacts);
                batchCalls++;
                for (BatchItemResult<Contact> r : results) {
                    Builder b = out.get(withEmail.get(r.index()).result().index());
                    if (r.isSuccess()) {
                        b.contactId = r.result().id().value();
                        b.contactCreated = r.result().created();
                        if (r.result().created()) {
                            contactsCreated++;
                        } else {
                            contactsUpdated++;
                        }
                    } else {
                        failed++;
                        b.errors.add("contact: " + r.error().getMessage());
                    }
                }
            }
        }

        // 3. one note per lead (the SPI has no batch note call)
        int notes = 0;
        if (crm.supports(CrmCapability.NOTES)) {
            for (AnalyzedLead a : eligible) {
                Builder b = out.get(a.result().index());
                NoteTarget target = b.contactId != null ? NoteTarget.contact(CrmId.of(crm.providerId(), b.contactId))
                        : b.accountId != null ? NoteTarget.account(CrmId.of(crm.providerId(), b.accountId)) : null;
                if (target == null) {
                    continue;
                }
                try {
                    Note note = crm.notes().create(target, noteBody(a.result()));
                    b.noteId = note.id() == null ? null : note.id().value();
                    notes++;
                } catch (CrmAuthenticationException | CrmUnavailableException e) {
                    throw e; // the whole CRM is unusable: fail the run (resumable from the checkpoint)
                } catch (CrmException e) {
                    failed++;
                    b.errors.add("note: " + e.getMessage());
                }
            }
        }
        LOG.debug("CRM sync to {}: accounts {} created / {} updated, contacts {} created / {} updated, {} notes, "
                        + "{} failed records, {} batch calls", provider, accountsCreated, accountsUpdated, contactsCreated,
                contactsUpdated, notes, failed, batchCalls);
        List<IndexedOutcome> outcomes = new ArrayList<>(out.size());
        out.forEach((index, b) -> outcomes.add(new IndexedOutcome(index, b.build(provider))));
        return new SyncReport(new CrmSyncSummary(provider, true, accountsCreated, accountsUpdated, contactsCreated,
                contactsUpdated, notes, failed, batchCalls), outcomes);
    }

    /** The note: score, BANT, reasons, research facts and what was planned. Lead notes are not copied. */
    static String noteBody(LeadResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lead score ").append(r.score()).append("/100, grade ").append(r.grade()).append(" (")
                .append(r.route().id()).append("), by ")
                .append(r.method().id()).append(r.model() != null ? " " + r.model() : "").append(".\n");
        BantScores b = r.breakdown();
        sb.append("BANT: budget ").append(b.budget()).append(", authority ").append(b.authority()).append(", need ")
                .append(b.need()).append(", timeline ").append(b.timeline()).append(".\n");
        if (!r.reasons().isEmpty()) {
            sb.append("\nReasons:\n");
            r.reasons().forEach(x -> sb.append("- ").append(x).append('\n'));
        }
        if (!r.facts().isEmpty()) {
            sb.append("\nResearch:\n");
            r.facts().forEach(f -> sb.append("- [").append(f.source().id()).append("] ").append(f.text()).append('\n'));
        }
        if (r.outreach() != null) {
            sb.append("\nOutreach drafted: \"").append(r.outreach().subject()).append("\"\n");
        }
        if (r.followUp() != null && !r.followUp().touches().isEmpty()) {
            sb.append(r.followUp().kind().id().equals("nurture") ? "Nurture plan: " : "Follow-up sequence: ")
                    .append(r.followUp().touches().size()).append(" touches from ")
                    .append(r.followUp().touches().get(0).date()).append('\n');
        }
        return sb.toString().strip();
    }

    private static final class Builder {
        final boolean eligible;
        String accountId;
        Boolean accountCreated;
        String contactId;
        Boolean contactCreated;
        String noteId;
        final List<String> errors = new ArrayList<>();

        Builder(boolean eligible) {
            this.eligible = eligible;
        }

        CrmOutcome build(String provider) {
            if (!eligible) {
                return CrmOutcome.skipped(provider);
            }
            return new CrmOutcome(provider, true, accountId, accountCreated, contactId, contactCreated, noteId, errors);
        }
    }
}
