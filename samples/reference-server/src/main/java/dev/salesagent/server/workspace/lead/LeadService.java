package dev.salesagent.server.workspace.lead;

import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.InvalidLeadException;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.core.context.AiContext;
import java.util.Locale;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules around a tenant's leads: fields validated and normalized by the SDK's {@link Lead#normalized()}, one lead
 * per e-mail (case-insensitive) and, for leads without e-mail, per domain (409 naming the existing lead), owners are
 * users of the tenant, reads and writes stay inside the caller's data scope, every change is audited.
 */
@Service
public class LeadService {

    private final LeadStore leads;
    private final UserStore users;
    private final AuditTrail audit;
    private final TenantScope tenantScope;
    private final Clock clock;
    private final SalesAgents agents;

    private final TransactionTemplate tx;

    LeadService(LeadStore leads, UserStore users, AuditTrail audit, TenantScope tenantScope, Clock clock,
                SalesAgents agents, TransactionTemplate tx) {
        this.agents = agents;
        this.tx = tx;
        this.leads = leads;
        this.users = users;
        this.audit = audit;
        this.tenantScope = tenantScope;
        this.clock = clock;
    }

    /**
     * The changeable part of a lead; on update null members keep the current value.
     *
     * @param lead contact and company fields (the id is ignored)
     * @param status one of {@link LeadRecord#STATUSES}
     * @param ownerId a user of the tenant
     * @param source free text such as {@code api}, {@code web_form}
     */
    public record Changes(Lead lead, String status, UUID ownerId, String source) {
    }

    /**
     * Creates a lead in the actor's tenant, owned by the actor unless another owner is named.
     *
     * @throws PlatformException (400) invalid fields, status or owner; (409) duplicate e-mail or domain
     */
    @Transactional
    public LeadRecord create(CurrentUser actor, Changes c) {
        tenantScope.enter(actor.tenantId());
        Lead lead = normalize(c.lead());
        Instant now = clock.instant();
        LeadRecord record = new LeadRecord(UUID.randomUUID(), actor.tenantId(),
                c.ownerId() != null ? owner(actor, c.ownerId()) : actor.id(), status(c.status(), "new"),
                c.source() == null ? "api" : c.source(), null, lead, null, now, now);
        if (!leads.insertAll(List.of(record))[0]) {
            throw duplicate(actor.tenantId(), lead);
        }
        audit.record("lead.created", "lead", record.id(), Map.of("source", record.source()));
        return record;
    }

    /**
     * A lead of the actor's tenant inside their data scope.
     *
     * @throws PlatformException (404) unknown, another tenant's or outside the scope
     */
    @Transactional(readOnly = true)
    public LeadRecord get(CurrentUser actor, UUID id) {
        tenantScope.enter(actor.tenantId());
        return leads.find(actor.tenantId(), id, LeadStore.Visibility.of(actor))
                .orElseThrow(() -> PlatformException.notFound("lead"));
    }

    /**
     * Changes a lead; null members keep the current value (a field of {@code lead} that is null stays too).
     *
     * @throws PlatformException (404) not visible, (400) invalid, (409) the new e-mail or domain is taken
     */
    @Transactional
    public LeadRecord update(CurrentUser actor, UUID id, Changes c) {
        LeadRecord current = get(actor, id);
        Lead merged = c.lead() == null ? current.lead() : merge(current.lead(), c.lead());
        Lead lead = normalize(merged);
        LeadRecord next = new LeadRecord(current.id(), current.tenantId(),
                c.ownerId() != null ? owner(actor, c.ownerId()) : current.ownerId(),
                status(c.status(), current.status()), current.source(), current.importId(), lead, current.score(),
                current.createdAt(), clock.instant());
        leads.duplicateOf(actor.tenantId(), lead.email(), lead.domain()).filter(other -> !other.equals(id))
                .ifPresent(other -> {
                    throw conflict(lead, other.toString());
                });
        try {
            leads.update(next);
        } catch (DuplicateKeyException e) {
            throw conflict(lead, "created meanwhile"); // a concurrent write took it; the transaction is spent
        }
        audit.record("lead.updated", "lead", id, Map.of("status", next.status()));
        return next;
    }

    /**
     * Deletes a lead.
     *
     * @throws PlatformException (404) not visible
     */
    @Transactional
    public void delete(CurrentUser actor, UUID id) {
        tenantScope.enter(actor.tenantId());
        if (!leads.delete(actor.tenantId(), id, LeadStore.Visibility.of(actor))) {
            throw PlatformException.notFound("lead");
        }
        audit.record("lead.deleted", "lead", id, Map.of());
    }

    /**
     * Scores a lead now with the platform's scorer (a model when one is configured, else the rules) and stores the
     * score on the lead: BANT breakdown, overall 0-100, grade, reasons, method.
     *
     * @throws PlatformException (404) not visible; (502) the model call failed
     */
    public LeadRecord score(CurrentUser actor, UUID id) {
        LeadRecord lead = tx.execute(status -> get(actor, id)); // no transaction held during the model call
        LeadScore s;
        try {
            s = AiContext.builder().tenant(actor.tenantId().toString()).user(actor.id().toString())
                    .feature("lead_scoring").build()
                    .call(() -> agents.scorer().score(lead.toSdkLead(), LeadResearch.none()));
        } catch (RuntimeException e) {
            throw new PlatformException(org.springframework.http.HttpStatus.BAD_GATEWAY, "scoring-failed",
                    "Lead scoring failed", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        LeadRecord.Score score = new LeadRecord.Score(s.overall(), s.grade().name().toLowerCase(Locale.ROOT),
                s.method().name().toLowerCase(Locale.ROOT), s.model(), Map.of("budget", s.breakdown().budget(),
                "authority", s.breakdown().authority(), "need", s.breakdown().need(), "timeline",
                s.breakdown().timeline()), s.reasons(), clock.instant());
        return tx.execute(status -> {
            leads.saveScores(actor.tenantId(), Map.of(id, score));
            audit.record("lead.scored", "lead", id, Map.of("grade", score.grade(), "method", score.method()));
            return get(actor, id);
        });
    }

    /** A page of the leads the actor sees. */
    @Transactional(readOnly = true)
    public List<LeadRecord> list(CurrentUser actor, LeadStore.Filter filter, String cursor, int limit) {
        tenantScope.enter(actor.tenantId());
        if (filter.status() != null) {
            status(filter.status(), null);
        }
        return leads.list(actor.tenantId(), LeadStore.Visibility.of(actor), filter, Cursors.decode(cursor), limit);
    }

    /**
     * Validates and normalizes lead fields.
     *
     * @throws PlatformException (400) listing every problem
     */
    static Lead normalize(Lead lead) {
        if (lead == null) {
            throw PlatformException.badRequest("a lead needs an e-mail, or a company with a domain or website");
        }
        try {
            return lead.normalized();
        } catch (InvalidLeadException e) {
            throw PlatformException.badRequest(String.join("; ", e.problems()));
        }
    }

    private PlatformException duplicate(UUID tenantId, Lead lead) {
        return conflict(lead, leads.duplicateOf(tenantId, lead.email(), lead.domain()).map(UUID::toString)
                .orElse("created meanwhile"));
    }

    private static PlatformException conflict(Lead lead, String existing) {
        return PlatformException.conflict(lead.email() != null
                ? "a lead with the e-mail " + lead.email() + " already exists (lead " + existing + ")"
                : "a lead for the domain " + lead.domain() + " without e-mail already exists (lead " + existing + ")");
    }

    private UUID owner(CurrentUser actor, UUID ownerId) {
        return users.find(actor.tenantId(), ownerId).map(u -> u.id())
                .orElseThrow(() -> PlatformException.badRequest("owner_id is not a user of this tenant"));
    }

    private static String status(String requested, String fallback) {
        if (requested == null) {
            return fallback;
        }
        if (!LeadRecord.STATUSES.contains(requested)) {
            throw PlatformException.badRequest("status must be one of " + LeadRecord.STATUSES);
        }
        return requested;
    }

    private static Lead merge(Lead base, Lead change) {
        return base.toBuilder()
                .company(pick(change.company(), base.company())).domain(pick(change.domain(), base.domain()))
                .website(pick(change.website(), base.website())).firstName(pick(change.firstName(), base.firstName()))
                .lastName(pick(change.lastName(), base.lastName())).email(pick(change.email(), base.email()))
                .title(pick(change.title(), base.title())).phone(pick(change.phone(), base.phone()))
                .industry(pick(change.industry(), base.industry()))
                .employees(change.employees() != null ? change.employees() : base.employees())
                .country(pick(change.country(), base.country())).notes(pick(change.notes(), base.notes())).build();
    }

    private static String pick(String change, String base) {
        return change != null ? change : base;
    }
}
