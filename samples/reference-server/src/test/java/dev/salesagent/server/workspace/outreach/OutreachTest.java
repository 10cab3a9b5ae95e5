package dev.salesagent.server.workspace.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.TestSmtp;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Outreach drafts: drafted by the SDK, edited, approved and sent exactly once to a real SMTP server, noted in the CRM. */
class OutreachTest extends PlatformTestSupport {

    @Autowired
    OutreachDrafts drafts;

    @Autowired
    TenantCrmClients crms;

    private String draft(Session who, String to) throws Exception {
        MvcResult r = mvc.perform(who.auth(post("/api/v1/outreach/drafts")).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.OUTREACH.replace("dana.reyes@acme-robotics.com", to)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.method").value("rules"))
                .andExpect(jsonPath("$.to_email").value(to))
                .andReturn();
        return read(r, "$.id");
    }

    private static List<MimeMessage> mailTo(String to) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : TestSmtp.server().getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to))) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    @DisplayName("an approved draft is delivered over SMTP once, approving again sends nothing, and the CRM gets a note")
    void approveSendsOnce() throws Exception {
        Session rep = createUser(register("Outreach Send"), "sales_rep");
        String to = email("dana");
        String id = draft(rep, to);
        mvc.perform(rep.auth(patch("/api/v1/outreach/drafts/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\":\"Your second plant in Ohio\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.method").value("manual"))
                .andExpect(jsonPath("$.subject").value("Your second plant in Ohio"));

        mvc.perform(rep.auth(post("/api/v1/outreach/drafts/" + id + "/approve")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("sent"))
                .andExpect(jsonPath("$.approved_by").value(rep.userId().toString()))
                .andExpect(jsonPath("$.message_id").isNotEmpty())
                .andExpect(jsonPath("$.crm_note_id").isNotEmpty());
        mvc.perform(rep.auth(post("/api/v1/outreach/drafts/" + id + "/approve")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("sent"));

        List<MimeMessage> received = mailTo(to);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Your second plant in Ohio");
        assertThat(received.get(0).getContent().toString()).contains("Dana");

        CrmClient crm = crms.forTenant(rep.tenantId());
        CrmId contact = crm.contacts().findByEmail(to).orElseThrow().id();
        List<Note> notes = crm.notes().list(NoteTarget.contact(contact), PageRequest.first()).items();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).body()).contains("Your second plant in Ohio");

        mvc.perform(rep.auth(patch("/api/v1/outreach/drafts/" + id)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"too late\"}")).andExpect(status().isConflict());
    }

    @Test
    @DisplayName("four approvals racing for one draft send one e-mail")
    void racingApprovals() throws Exception {
        Session rep = createUser(register("Outreach Race"), "sales_rep");
        String to = email("race");
        String id = draft(rep, to);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> mvc.perform(rep.auth(post("/api/v1/outreach/drafts/" + id + "/approve")))
                        .andReturn().getResponse().getStatus());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mailTo(to)).hasSize(1);
        mvc.perform(rep.auth(get("/api/v1/outreach/drafts/" + id))).andExpect(jsonPath("$.status").value("sent"));
    }

    @Test
    @DisplayName("drafts stored by an agent run through OutreachDrafts#create are listed; other reps and tenants see none")
    void createAndScopes() throws Exception {
        Session owner = register("Outreach Scopes");
        Session rep = createUser(owner, "sales_rep");
        Session otherRep = createUser(owner, "sales_rep");
        Session stranger = register("Outreach Stranger");
        UUID lead = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        OutreachDrafts.Draft d = drafts.create(owner.tenantId(), rep.userId(), lead, email("lead"), "Hello",
                "Body text", "model", "gpt-4o-mini", run);

        mvc.perform(rep.auth(get("/api/v1/outreach/drafts").param("lead_id", lead.toString())))
                .andExpect(jsonPath("$.items[0].id").value(d.id().toString()))
                .andExpect(jsonPath("$.items[0].run_id").value(run.toString()))
                .andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(owner.auth(get("/api/v1/outreach/drafts").param("status", "draft")))
                .andExpect(jsonPath("$.items[0].id").value(d.id().toString()));
        for (Session blind : List.of(otherRep, stranger)) {
            mvc.perform(blind.auth(get("/api/v1/outreach/drafts/" + d.id()))).andExpect(status().isNotFound());
            mvc.perform(blind.auth(post("/api/v1/outreach/drafts/" + d.id() + "/approve")))
                    .andExpect(status().isNotFound());
            mvc.perform(blind.auth(get("/api/v1/outreach/drafts"))).andExpect(jsonPath("$.items").isEmpty());
        }
        assertThat(mailTo(d.toEmail())).isEmpty();
        mvc.perform(rep.auth(post("/api/v1/outreach/drafts")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lead\":{\"company\":\"Acme\",\"domain\":\"acme.com\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("lead.email")));
    }
}
