package dev.salesagent.server.workspace.memory;

import dev.salesagent.agents.memory.JdbcMemoryStore;
import dev.salesagent.agents.memory.MemoryFact;
import dev.salesagent.agents.memory.MemoryStore;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.ResearchFact;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * Long-term memory of the accounts the workspace works on: the SDK's {@link JdbcMemoryStore} (table
 * {@code sa_memory_facts} in the server's PostgreSQL), keyed by tenant id and the account's domain. Research facts given
 * for an account are remembered, and every later call for the same account in the same tenant gets them back (newest
 * first), so facts are reused across proposals, outreach drafts and agent runs; another tenant never sees them.
 */
@Service
public class AccountMemory {

    /** Facts recalled per account and call. */
    static final int RECALL_LIMIT = 20;

    private final MemoryStore store;
    private final Clock clock;

    AccountMemory(DataSource dataSource, Clock clock) {
        this.store = new JdbcMemoryStore(dataSource).createSchema();
        this.clock = clock;
    }

    /**
     * The account a lead belongs to: its company domain, lower case; null when the lead has none (then nothing is
     * remembered or recalled).
     *
     * @param lead a normalised lead
     * @return the account's subject key, or null
     */
    public static String account(Lead lead) {
        return lead.domain() == null ? null : lead.domain().toLowerCase(Locale.ROOT);
    }

    /**
     * Remembers the given facts about the lead's account and returns them followed by the facts remembered earlier
     * (newest first, each once).
     *
     * @param tenantId the tenant
     * @param lead a normalised lead
     * @param given facts stated now (may be empty)
     * @param source where the given facts come from (e.g. {@code user:<id>} or a run id)
     * @return the research facts to use, source {@code lead}
     */
    public List<ResearchFact> rememberAndRecall(UUID tenantId, Lead lead, List<String> given, String source) {
        String subject = account(lead);
        Set<String> facts = new LinkedHashSet<>();
        given.stream().map(String::strip).filter(f -> !f.isEmpty()).forEach(facts::add);
        if (subject != null) {
            List<MemoryFact> known = store.recall(tenantId.toString(), subject, RECALL_LIMIT);
            Set<String> knownTexts = new LinkedHashSet<>();
            known.forEach(f -> knownTexts.add(f.fact()));
            for (String f : facts) {
                if (!knownTexts.contains(f)) {
                    store.remember(new MemoryFact(tenantId.toString(), subject, f, source, clock.instant()));
                }
            }
            facts.addAll(knownTexts);
        }
        List<ResearchFact> out = new ArrayList<>(facts.size());
        facts.forEach(f -> out.add(ResearchFact.of(ResearchFact.Source.LEAD, f)));
        return out;
    }

    /**
     * What the tenant's memory holds about an account, newest first.
     *
     * @param tenantId the tenant
     * @param domain the account's domain
     * @return up to {@value #RECALL_LIMIT} facts
     */
    public List<MemoryFact> recall(UUID tenantId, String domain) {
        return store.recall(tenantId.toString(), domain.strip().toLowerCase(Locale.ROOT), RECALL_LIMIT);
    }
}
