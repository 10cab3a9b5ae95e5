package dev.salesagent.server.platform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.PlatformTestSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Consent flags on contacts: record, read with history, ask, tenant scoping, validation, export and erasure. */
class ConsentTest extends PlatformTestSupport {

    @Autowired
    ConsentService consents;

    private ResultActions putConsent(Session who, String email, String purposes, String source) throws Exception {
        return mvc.perform(who.auth(put("/api/v1/consents/" + email)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"purposes\":" + purposes + ",\"source\":\"" + source + "\"}"));
    }

    @Test
    @DisplayName("consent is recorded per purpose with its history; the newest record decides allows()")
    void recordAndAsk() throws Exception {
        Session owner = register("Consent Record");
        Session rep = createUser(owner, "sales_rep");
        String person = email("prospect");
        assertThat(consents.allows(owner.tenantId(), person, ConsentPurpose.EMAIL_MARKETING))
                .as("never asked means no consent").isFalse();

        putConsent(rep, person, "{\"email_marketing\":true,\"phone\":false}", "web_form")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consents.email_marketing.granted").value(true))
                .andExpect(jsonPath("$.consents.phone.granted").value(false))
                .andExpect(jsonPath("$.consents.profiling").doesNotExist());
        assertThat(consents.allows(owner.tenantId(), person.toUpperCase(), ConsentPurpose.EMAIL_MARKETING)).isTrue();
        assertThat(consents.allows(owner.tenantId(), person, ConsentPurpose.PHONE)).isFalse();

        putConsent(owner, person.toUpperCase(), "{\"email_marketing\":false}", "unsubscribe_link")
                .andExpect(status().isOk());
        assertThat(consents.allows(owner.tenantId(), person, ConsentPurpose.EMAIL_MARKETING)).as("withdrawn").isFalse();
        mvc.perform(rep.auth(get("/api/v1/consents/" + person)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(person))
                .andExpect(jsonPath("$.consents.email_marketing.granted").value(false))
                .andExpect(jsonPath("$.consents.email_marketing.source").value("unsubscribe_link"))
                .andExpect(jsonPath("$.history.length()").value(3))
                .andExpect(jsonPath("$.history[?(@.purpose == 'email_marketing' && @.granted == true)].source")
                        .value("web_form"));
        mvc.perform(owner.auth(get("/api/v1/admin/audit")))
                .andExpect(jsonPath("$.items[?(@.action == 'consent.recorded')]").exists());
    }

    @Test
    @DisplayName("bad input is a 400 problem with field errors, and nothing is recorded")
    void validation() throws Exception {
        Session owner = register("Consent Validation");
        String person = email("bad");
        putConsent(owner, person, "{\"newsletter\":true}", "web_form")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be one of email_marketing, profiling, phone"));
        putConsent(owner, person, "{}", "web_form").andExpect(status().isBadRequest());
        putConsent(owner, person, "{\"phone\":true}", " ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("source"));
        mvc.perform(owner.auth(get("/api/v1/consents/not-an-email"))).andExpect(status().isBadRequest());
        assertThat(consents.history(owner.tenantId(), person)).isEmpty();
    }

    @Test
    @DisplayName("the same e-mail in two tenants is two consent records: one tenant never sees or changes the other's")
    void tenantScoped() throws Exception {
        Session a = register("Consent A");
        Session b = register("Consent B");
        String person = email("shared");
        putConsent(b, person, "{\"profiling\":true}", "contract").andExpect(status().isOk());
        mvc.perform(a.auth(get("/api/v1/consents/" + person)))
                .andExpect(jsonPath("$.history.length()").value(0));
        putConsent(a, person, "{\"profiling\":false}", "call").andExpect(status().isOk());
        assertThat(consents.allows(b.tenantId(), person, ConsentPurpose.PROFILING)).isTrue();
        assertThat(consents.allows(a.tenantId(), person, ConsentPurpose.PROFILING)).isFalse();
        assertThat(consents.history(b.tenantId(), person)).hasSize(1);
    }

    @Test
    @DisplayName("the GDPR export includes the consents, and erasure deletes them")
    void exportAndErase() throws Exception {
        Session owner = register("Consent Gdpr");
        Session rep = createUser(owner, "sales_rep");
        putConsent(owner, rep.email(), "{\"email_marketing\":true}", "signup").andExpect(status().isOk());
        String contact = email("contact-only");
        putConsent(owner, contact, "{\"phone\":true}", "call").andExpect(status().isOk());

        mvc.perform(owner.auth(get("/api/v1/admin/gdpr/export").param("email", rep.email())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.id").value(rep.userId().toString()))
                .andExpect(jsonPath("$.consents.email_marketing.granted").value(true))
                .andExpect(jsonPath("$.consent_history[0].source").value("signup"));
        mvc.perform(owner.auth(get("/api/v1/admin/gdpr/export").param("email", contact)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").doesNotExist())
                .andExpect(jsonPath("$.consents.phone.granted").value(true));

        mvc.perform(owner.auth(post("/api/v1/admin/gdpr/erase")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + rep.email() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcomes.consents").value(1));
        assertThat(consents.history(owner.tenantId(), rep.email())).isEmpty();
        assertThat(consents.history(owner.tenantId(), contact)).as("another person's consents stay").hasSize(1);
        Integer mentions = jdbc.sql("select count(*) from contact_consent where email = ?").param(rep.email())
                .query(Integer.class).single();
        assertThat(mentions).isZero();
    }
}
