package dev.salesagent.quickstart;

import dev.salesagent.agents.sales.pipeline.CrmSyncSummary;
import dev.salesagent.agents.sales.pipeline.LeadResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running totals of one quickstart run, kept per chunk so that memory does not grow with the file (at most
 * {@value #TOP} top leads and {@value #LISTED} problem lines). Serialized into the resume state, so a resumed run
 * reports the whole file. Mutable; used by one thread.
 */
final class Summary {

    static final int TOP = 10;
    static final int LISTED = 50;

    /** One of the best leads. */
    record Top(int row, int score, String grade, String company, String email) {
    }

    /** Data rows seen (every kind). */
    public int rows;
    /** Leads scored. */
    public int scored;
    /** Rows that could not be read as CSV. */
    public int unreadable;
    /** Rows read but with invalid values. */
    public int invalid;
    /** Leads repeating an earlier lead's e-mail (or domain). */
    public int duplicates;
    /** Leads the pipeline could not score (model or budget failures). */
    public int failed;
    /** Leads scored on rules after their model calls failed (counted in scored). */
    public int fellBack;
    /** Leads refused by the cost limit (counted in failed too). */
    public int overBudget;
    /** Scored leads per grade. */
    public Map<String, Integer> grades = new LinkedHashMap<>(Map.of("A", 0, "B", 0, "C", 0, "D", 0));
    /** The best leads, best first (score, then row). */
    public List<Top> top = new ArrayList<>();
    /** The first problem lines, in row order ({@code row N: reason}). */
    public List<String> problems = new ArrayList<>();
    /** Problem lines not listed. */
    public int unlisted;
    /** CRM provider, or null before the first sync. */
    public String crmProvider;
    /** CRM totals. */
    public int accountsCreated;
    public int accountsUpdated;
    public int contactsCreated;
    public int contactsUpdated;
    public int notesCreated;
    public int failedRecords;
    public int batchCalls;
    /** Model tokens and cost of all leads (tokens, USD). */
    public long inputTokens;
    public long outputTokens;
    public BigDecimal costUsd = BigDecimal.ZERO;
    /** Leads whose token counts (and so cost) were partly estimated: the provider reported no usage. */
    public int estimatedTokens;
    /** Model scores moved to agree with the facts in the data (leads with at least one correction). */
    public int corrected;

    Summary() {
        grades = new LinkedHashMap<>();
        for (String g : List.of("A", "B", "C", "D")) {
            grades.put(g, 0);
        }
    }

    int rejected() {
        return unreadable + invalid;
    }

    void problem(int row, String kind, String reason) {
        switch (kind) {
            case "unreadable" -> unreadable++;
            case "invalid" -> invalid++;
            case "duplicate" -> duplicates++;
            default -> failed++;
        }
        if (problems.size() < LISTED) {
            problems.add("row " + row + ": " + reason);
        } else {
            unlisted++;
        }
    }

    void scored(int row, LeadResult l) {
        scored++;
        grades.merge(l.grade().name(), 1, Integer::sum);
        top.add(new Top(row, l.score(), l.grade().name(), l.company() != null ? l.company() : l.domain(),
                l.email() != null ? l.email() : ""));
        top.sort(Comparator.comparingInt(Top::score).reversed().thenComparingInt(Top::row));
        if (top.size() > TOP) {
            top.remove(top.size() - 1);
        }
    }

    void tokens(LeadResult l) {
        inputTokens += l.inputTokens();
        outputTokens += l.outputTokens();
        costUsd = costUsd.add(l.costUsd());
        if (l.tokensEstimated()) {
            estimatedTokens++;
        }
        if (!l.corrections().isEmpty()) {
            corrected++;
        }
    }

    void crm(CrmSyncSummary s) {
        if (s == null) {
            return;
        }
        crmProvider = s.provider();
        accountsCreated += s.accountsCreated();
        accountsUpdated += s.accountsUpdated();
        contactsCreated += s.contactsCreated();
        contactsUpdated += s.contactsUpdated();
        notesCreated += s.notesCreated();
        failedRecords += s.failedRecords();
        batchCalls += s.batchCalls();
    }
}
