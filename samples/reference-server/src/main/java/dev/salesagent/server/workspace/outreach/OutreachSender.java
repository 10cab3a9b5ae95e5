package dev.salesagent.server.workspace.outreach;

import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.PlatformException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends an approved draft once: the approval claims the draft (one winner across instances), the e-mail goes out
 * through the configured SMTP server (Spring's {@link JavaMailSender}, {@code spring.mail.*}), and the sent e-mail is
 * logged as a note on the recipient's contact in the tenant's CRM (the contact is created if the CRM has none). A
 * failed delivery leaves the draft {@code failed} (approve again to retry); a failed CRM note is kept on the draft
 * ({@code error}) without unsending the e-mail. A sent first touch gets its follow-up touches scheduled
 * ({@link FollowUps#schedule}).
 */
@Service
class OutreachSender {

    private static final Logger log = LoggerFactory.getLogger(OutreachSender.class);

    private final OutreachDrafts drafts;
    private final ObjectProvider<JavaMailSender> mail;
    private final TenantCrmClients crms;
    private final AuditTrail audit;
    private final String from;
    private final FollowUps followUps;

    OutreachSender(OutreachDrafts drafts, ObjectProvider<JavaMailSender> mail, TenantCrmClients crms, AuditTrail audit,
                   @Value("${salesagent.outreach.from:sales@localhost}") String from, FollowUps followUps) {
        this.followUps = followUps;
        this.drafts = drafts;
        this.mail = mail;
        this.crms = crms;
        this.audit = audit;
        this.from = from;
    }

    /**
     * Approves and sends a draft; approving a draft that was already sent (or is being sent) changes nothing.
     *
     * @return the draft after the attempt
     * @throws PlatformException 404 if not visible, 503 if no SMTP server is configured, 502 if the SMTP server refused
     */
    OutreachDrafts.Draft approve(CurrentUser user, UUID id) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "mail-not-configured", "Mail not configured",
                    "No SMTP server is configured (SPRING_MAIL_HOST); the draft was not sent");
        }
        Optional<OutreachDrafts.Draft> claimed = drafts.claim(user, id);
        if (claimed.isEmpty()) {
            return drafts.get(user, id); // already sent or being sent: never a second e-mail
        }
        OutreachDrafts.Draft d = claimed.get();
        String messageId;
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(d.toEmail());
            helper.setSubject(d.subject());
            helper.setText(d.body(), false);
            sender.send(message);
            messageId = message.getMessageID();
        } catch (MailException | MessagingException e) {
            drafts.failed(user.tenantId(), id, "mail: " + e.getMessage());
            audit.record("outreach.send_failed", "outreach_draft", id, Map.of("reason", String.valueOf(e.getMessage())));
            throw new PlatformException(HttpStatus.BAD_GATEWAY, "mail-failed", "E-mail not sent",
                    "The SMTP server did not accept the e-mail; the draft is marked failed and can be approved again");
        }
        String noteId = null;
        String crmError = null;
        try {
            noteId = logNote(user.tenantId(), d);
        } catch (CrmException e) {
            crmError = "crm: " + e.getMessage();
            log.warn("Outreach {} sent but not logged in the CRM: {}", id, e.toString());
        }
        drafts.delivered(user.tenantId(), id, messageId, noteId, crmError);
        audit.record("outreach.send", "outreach_draft", id, Map.of("crm_note", noteId != null));
        OutreachDrafts.Draft sent = drafts.get(user, id);
        int touches = followUps.schedule(sent).size();
        if (touches > 0) {
            audit.record("outreach.follow_ups_scheduled", "outreach_draft", id, Map.of("touches", touches));
        }
        return sent;
    }

    private String logNote(UUID tenantId, OutreachDrafts.Draft d) {
        CrmClient crm = crms.forTenant(tenantId);
        CrmId contact = crm.contacts().findByEmail(d.toEmail()).map(Contact::id)
                .orElseGet(() -> crm.contacts().upsert(Contact.builder().email(d.toEmail()).build()).id());
        Note note = crm.notes().create(NoteTarget.contact(contact),
                "Outreach e-mail sent\nSubject: " + d.subject() + "\n\n" + d.body());
        return note.id().value();
    }
}
