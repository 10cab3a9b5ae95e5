package dev.salesagent.server.agentplatform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BizDevGraphTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
    static final Lead LEAD = Lead.builder().company("Acme").domain("acme.com").firstName("Cara").lastName("Ro")
            .email("CRO@acme.com").title("Chief Revenue Officer").employees(1200L).industry("Software")
            .notes("Forecasting is done in spreadsheets; budget approved this quarter").build();

    final InMemoryCrmClient crm = InMemoryCrmClient.create();
    final CompiledGraph graph = new BizDevGraph(SalesAgents.rules(), tenant -> crm, CLOCK)
            .compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()));

    RunResult approveOn(String thread) {
        RunResult paused = graph.invoke(Update.of(BizDevGraph.LEAD, LEAD), RunConfig.forThread(thread));
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        return graph.resume(Resume.withValue(Map.of("decision", "approve")), RunConfig.forThread(thread));
    }

    int notesOnContact() {
        Contact c = crm.contacts().findByEmail("cro@acme.com").orElseThrow();
        return crm.notes().list(NoteTarget.contact(c.id()), PageRequest.first()).items().size();
    }

    @Test
    @DisplayName("interrupts with the records to write; nothing is written before approval")
    void interruptFirst() {
        RunResult paused = graph.invoke(Update.of(BizDevGraph.LEAD, LEAD), RunConfig.forThread("a"));
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) paused.interrupts().get(0).payload();
        assertThat(payload).containsEntry("account", Map.of("name", "Acme", "domain", "acme.com"))
                .containsEntry("contact", Map.of("email", "cro@acme.com"));
        assertThat((String) payload.get("note")).startsWith("bizdev: lead scored ").contains("grade A (rules)");
        assertThat(crm.contacts().findByEmail("cro@acme.com")).isEmpty();
        assertThat(crm.accounts().findByDomain("acme.com")).isEmpty();
    }

    @Test
    @DisplayName("approved: account, contact, qualification note and dated follow-up plan note are written (rules)")
    void approved() {
        RunResult r = approveOn("b");
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(BizDevGraph.SCORE).grade()).isEqualTo(Grade.A);
        assertThat(r.get(BizDevGraph.SCORE).method().id()).isEqualTo("rules");
        BizDevGraph.CrmRecords records = r.get(BizDevGraph.CRM);
        assertThat(records.provider()).isEqualTo("memory");
        assertThat(records.accountCreated()).isTrue();
        assertThat(records.contactCreated()).isTrue();
        assertThat(records.noteCreated()).isTrue();
        assertThat(records.planNoteCreated()).isTrue();
        Contact contact = crm.contacts().findByEmail("cro@acme.com").orElseThrow();
        assertThat(contact.accountId().value()).isEqualTo(records.accountId());
        assertThat(contact.title()).isEqualTo("Chief Revenue Officer");
        FollowUpPlan plan = r.get(BizDevGraph.FOLLOW_UP);
        assertThat(plan.kind()).isEqualTo(FollowUpPlan.Kind.SEQUENCE);
        assertThat(plan.touches()).isNotEmpty().allSatisfy(t -> assertThat(t.date())
                .isAfterOrEqualTo(LocalDate.of(2026, 12, 2)));
        assertThat(crm.notes().list(NoteTarget.contact(contact.id()), PageRequest.first()).items())
                .extracting(dev.salesagent.crm.Note::body)
                .anySatisfy(b -> assertThat(b).startsWith("bizdev: lead scored"))
                .anySatisfy(b -> assertThat(b).startsWith("bizdev follow-up plan (sequence, rules): 2026-12-0"));
        assertThat(r.get(BizDevGraph.STATUS)).isEqualTo("written");
    }

    @Test
    @DisplayName("a rerun of the same lead on another thread updates the records and adds no duplicate note")
    void rerunDoesNotDuplicate() {
        approveOn("c1");
        int notes = notesOnContact();
        RunResult again = approveOn("c2");
        BizDevGraph.CrmRecords records = again.get(BizDevGraph.CRM);
        assertThat(records.accountCreated()).isFalse();
        assertThat(records.contactCreated()).isFalse();
        assertThat(records.noteCreated()).isFalse();
        assertThat(records.planNoteCreated()).isFalse();
        assertThat(notesOnContact()).isEqualTo(notes).isEqualTo(2);
        assertThat(crm.accounts().changedSince(Instant.EPOCH, PageRequest.first()).items()).hasSize(1);
    }

    @Test
    @DisplayName("rejected: nothing written; require_approval false writes without a pause")
    void rejectAndNoApproval() {
        graph.invoke(Update.of(BizDevGraph.LEAD, LEAD), RunConfig.forThread("d"));
        RunResult rejected = graph.resume(Resume.withValue("reject"), RunConfig.forThread("d"));
        assertThat(rejected.get(BizDevGraph.STATUS)).startsWith("rejected");
        assertThat(rejected.get(BizDevGraph.CRM)).isNull();
        assertThat(crm.contacts().findByEmail("cro@acme.com")).isEmpty();
        RunResult direct = graph.invoke(Update.of(BizDevGraph.LEAD, LEAD).and(BizDevGraph.REQUIRE_APPROVAL, false),
                RunConfig.forThread("e"));
        assertThat(direct.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(crm.contacts().findByEmail("cro@acme.com")).isPresent();
    }

    @Test
    @DisplayName("model: scoring goes through the configured chat model and the result says method model")
    void modelScoring() {
        ScriptedChatModel chat = new ScriptedChatModel("""
                {"scores":[{"id":"lead-1","budget":80,"authority":95,"need":85,"timeline":75,
                "reasons":["authority 95: title 'Chief Revenue Officer' is C-level"]}]}""");
        CompiledGraph withModel = new BizDevGraph(SalesAgents.builder().chatModel(chat).build(), tenant -> crm, CLOCK)
                .compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()));
        RunResult r = withModel.invoke(Update.of(BizDevGraph.LEAD, LEAD), RunConfig.forThread("m"));
        assertThat(chat.requests).isNotEmpty();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(r.get(BizDevGraph.SCORE).method().id()).isEqualTo("model");
    }

    @Test
    @DisplayName("bad input: an invalid lead fails the run naming the problem; nothing is written")
    void invalidLead() {
        RunResult r = graph.invoke(Update.of(BizDevGraph.LEAD, Lead.builder().company("NoContact").build()),
                RunConfig.forThread("f"));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("needs an e-mail, or a company and a domain");
    }
}
