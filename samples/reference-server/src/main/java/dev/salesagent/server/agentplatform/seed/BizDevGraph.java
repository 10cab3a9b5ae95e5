package dev.salesagent.server.agentplatform.seed;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.UpsertResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code bizdev} assistant: {@code qualify -> approve -> crm -> follow_up}. Input {@code {"lead": {...}}} (the
 * SDK's {@link Lead}: {@code company}, {@code domain}, {@code firstName}, {@code lastName}, {@code email},
 * {@code title}, ...) and {@code require_approval} (default true).
 * <ul>
 *   <li>{@code qualify}: normalises the lead (an invalid lead fails the run naming every problem) and scores it with
 *       the platform's {@link SalesAgents} (rules offline, the model when configured; {@code score.method});</li>
 *   <li>{@code approve}: interrupts with the records it is about to write; resume with {@code "approve"} (or
 *       {@code {"decision": "approve"}}) to write, anything else to stop without writing;</li>
 *   <li>{@code crm}: upserts the account (by domain) and the contact (by e-mail) in the tenant's CRM and adds a
 *       qualification note unless the same note is already there, so a rerun does not duplicate;</li>
 *   <li>{@code follow_up}: plans dated follow-up touches ({@code SalesAgents#followUps()}, from today) and records them
 *       as one note on the contact (same rule: not twice).</li>
 * </ul>
 */
public final class BizDevGraph implements GraphProvider {

    static final Key<Lead> LEAD = Key.of("lead", Lead.class);
    static final Key<Boolean> REQUIRE_APPROVAL = Key.of("require_approval", Boolean.class, Boolean.TRUE);
    static final Key<LeadScore> SCORE = Key.of("score", LeadScore.class);
    static final Key<String> DECISION = Key.of("decision", String.class);
    static final Key<CrmRecords> CRM = Key.of("crm", CrmRecords.class);
    static final Key<FollowUpPlan> FOLLOW_UP = Key.of("follow_up", FollowUpPlan.class);
    static final Key<String> STATUS = Key.of("status", String.class);

    /**
     * What the {@code crm} and {@code follow_up} nodes wrote.
     *
     * @param provider       the CRM provider id, e.g. {@code memory}
     * @param accountId      the account's id, or null when the lead has no company domain
     * @param accountCreated whether the account was created (false: an existing one was updated)
     * @param contactId      the contact's id, or null when the lead has no e-mail
     * @param contactCreated whether the contact was created
     * @param noteId         the qualification note's id
     * @param noteCreated    whether the note was added (false: the same note was already there)
     * @param planNoteId     the follow-up plan note's id, or null before {@code follow_up} or for a plan of no touches
     * @param planNoteCreated whether the plan note was added
     */
    public record CrmRecords(String provider, String accountId, boolean accountCreated, String contactId,
                             boolean contactCreated, String noteId, boolean noteCreated, String planNoteId,
                             boolean planNoteCreated) {
    }

    private final SalesAgents agents;
    private final Function<String, CrmClient> crmForTenant;
    private final Clock clock;

    /**
     * Creates the provider.
     *
     * @param agents       the platform's sales agents (scoring and follow-up planning, rules or model)
     * @param crmForTenant the tenant's CRM by tenant id ({@code TenantCrmClients#forTenant} on the server)
     * @param clock        today's date for the follow-up plan
     */
    public BizDevGraph(SalesAgents agents, Function<String, CrmClient> crmForTenant, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.crmForTenant = Objects.requireNonNull(crmForTenant, "crmForTenant");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String graphId() {
        return "bizdev";
    }

    @Override
    public String description() {
        return "Qualifies a lead, writes the account, contact and a note to the tenant's CRM after approval, and plans"
                + " dated follow-up tasks.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        String tenant = context.tenant();
        return StateGraph.of(LEAD, REQUIRE_APPROVAL, SCORE, DECISION, CRM, FOLLOW_UP, STATUS)
                .addNode("qualify", (s, c) -> qualify(s.get(LEAD)))
                .addNode("approve", (s, c) -> {
                    if (!s.get(REQUIRE_APPROVAL)) {
                        return Update.of(DECISION, "approve");
                    }
                    Lead lead = s.get(LEAD);
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("question", "Write these records to the CRM?");
                    payload.put("account", lead.domain() == null ? null : Map.of("name", String.valueOf(lead.company()),
                            "domain", lead.domain()));
                    payload.put("contact", lead.email() == null ? null : Map.of("email", lead.email()));
                    payload.put("note", qualificationNote(s.get(SCORE)));
                    Object answer = c.interrupt(payload);
                    String decision = String.valueOf(answer instanceof Map<?, ?> m ? m.get("decision") : answer);
                    return Update.of(DECISION, "approve".equalsIgnoreCase(decision.strip()) ? "approve" : "reject");
                })
                .addNode("crm", (s, c) -> Update.of(CRM, write(tenant, s.get(LEAD), s.get(SCORE))))
                .addNode("follow_up", (s, c) -> followUp(tenant, s.get(LEAD), s.get(SCORE), s.get(CRM)))
                .addNode("rejected", (s, c) -> Update.of(STATUS, "rejected: nothing written to the CRM"))
                .addEdge(StateGraph.START, "qualify").addEdge("qualify", "approve")
                .addConditionalEdges("approve", s -> "approve".equals(s.get(DECISION)) ? "crm" : "rejected",
                        List.of("crm", "rejected"))
                .addEdge("crm", "follow_up").addEdge("follow_up", StateGraph.END)
                .addEdge("rejected", StateGraph.END)
                .compile(CompileConfig.builder().name("bizdev").checkpointer(context.checkpointer()).build());
    }

    Update qualify(Lead input) {
        if (input == null) {
            throw new IllegalArgumentException("input 'lead' is required");
        }
        Lead lead = input.normalized();
        return Update.of(LEAD, lead, SCORE, agents.scorer().score(lead, LeadResearch.none()));
    }

    static String qualificationNote(LeadScore score) {
        return "bizdev: lead scored " + score.overall() + "/100, grade " + score.grade() + " (" + score.method().id()
                + (score.model() == null ? "" : ", " + score.model()) + ")."
                + (score.reasons().isEmpty() ? "" : " " + String.join("; ", score.reasons()) + ".");
    }

    CrmRecords write(String tenant, Lead lead, LeadScore score) {
        CrmClient crm = crmForTenant.apply(tenant);
        UpsertResult<Account> account = null;
        if (lead.domain() != null) {
            account = crm.accounts().upsert(Account.builder().name(lead.company() == null ? lead.domain()
                    : lead.company()).domain(lead.domain()).industry(lead.industry()).employees(lead.employees())
                    .country(lead.country()).build());
        }
        UpsertResult<Contact> contact = null;
        if (lead.email() != null) {
            contact = crm.contacts().upsert(Contact.builder().email(lead.email()).firstName(lead.firstName())
                    .lastName(lead.lastName()).title(lead.title()).phone(lead.phone())
                    .accountId(account == null ? null : account.id()).accountDomain(lead.domain()).build());
        }
        NoteTarget target = contact != null ? NoteTarget.contact(contact.id()) : NoteTarget.account(account.id());
        NoteWrite note = noteOnce(crm, target, qualificationNote(score));
        return new CrmRecords(crm.providerId(), account == null ? null : account.id().value(),
                account != null && account.created(), contact == null ? null : contact.id().value(),
                contact != null && contact.created(), note.id(), note.created(), null, false);
    }

    Update followUp(String tenant, Lead lead, LeadScore score, CrmRecords records) {
        FollowUpPlan plan = agents.followUps().plan(lead, score, LocalDate.now(clock));
        if (plan.touches().isEmpty()) {
            return Update.of(FOLLOW_UP, plan, STATUS, "written; no follow-up for grade " + score.grade());
        }
        CrmClient crm = crmForTenant.apply(tenant);
        NoteTarget target = records.contactId() != null
                ? NoteTarget.contact(CrmId.of(records.provider(), records.contactId()))
                : NoteTarget.account(CrmId.of(records.provider(), records.accountId()));
        String body = "bizdev follow-up plan (" + plan.kind().id() + ", " + plan.method().id() + "): "
                + plan.touches().stream().map(t -> t.date() + " " + t.channel() + ": " + t.purpose())
                .collect(Collectors.joining("; "));
        NoteWrite note = noteOnce(crm, target, body);
        CrmRecords updated = new CrmRecords(records.provider(), records.accountId(), records.accountCreated(),
                records.contactId(), records.contactCreated(), records.noteId(), records.noteCreated(), note.id(),
                note.created());
        return Update.of(FOLLOW_UP, plan, STATUS, "written").and(CRM, updated);
    }

    private record NoteWrite(String id, boolean created) {
    }

    /** Adds a note unless one with the same body is on the record already (CRMs have no note upsert). */
    private static NoteWrite noteOnce(CrmClient crm, NoteTarget target, String body) {
        Optional<Note> existing = Page.stream(p -> crm.notes().list(target, p), 100)
                .filter(n -> body.equals(n.body())).findFirst();
        return existing.map(n -> new NoteWrite(n.id().value(), false))
                .orElseGet(() -> new NoteWrite(crm.notes().create(target, body).id().value(), true));
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        Map<String, Object> text = Map.of("type", "string");
        Map<String, Object> lead = new LinkedHashMap<>();
        for (String f : List.of("company", "domain", "website", "firstName", "lastName", "email", "title", "phone",
                "industry", "country", "notes")) {
            lead.put(f, text);
        }
        lead.put("employees", Map.of("type", "integer", "minimum", 0));
        return Optional.of(Map.of("title", "bizdev input", "type", "object", "required", List.of("lead"),
                "properties", Map.of(
                        "lead", Map.of("type", "object", "properties", lead, "description",
                                "an e-mail, or a company and a domain, at least"),
                        "require_approval", Map.of("type", "boolean", "default", true, "description",
                                "interrupt for a human decision before writing to the CRM"))));
    }
}
