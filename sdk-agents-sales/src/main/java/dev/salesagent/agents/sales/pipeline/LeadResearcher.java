package dev.salesagent.agents.sales.pipeline;

import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.WebSearchOrganicResult;
import dev.langchain4j.web.search.WebSearchRequest;
import dev.salesagent.agents.sales.internal.Texts;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.CrmSnapshot;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.agents.sales.research.Firmographics;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.Page;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The research step of the lead pipeline: facts from the lead itself, the {@link EnrichmentProvider}, the CRM
 * (existing account by domain and its open opportunities) and, when configured, a LangChain4j
 * {@link WebSearchEngine} (top {@value #WEB_RESULTS} results for company and domain). A failing source is recorded
 * in {@link LeadResearch#errors()} and research continues.
 *
 * <p>The CRM SPI has no opportunity search by account, so open opportunities are found by scanning at most
 * {@value #MAX_OPPORTUNITY_PAGES} pages of {@value #PAGE_SIZE} opportunities, and only when the account exists.
 */
final class LeadResearcher {

    static final int WEB_RESULTS = 3;
    static final int MAX_OPPORTUNITY_PAGES = 5;
    static final int PAGE_SIZE = 100;

    private final CrmClient crm;
    private final EnrichmentProvider enrichment;
    private final WebSearchEngine webSearch;

    LeadResearcher(CrmClient crm, EnrichmentProvider enrichment, WebSearchEngine webSearch) {
        this.crm = crm;
        this.enrichment = enrichment == null ? EnrichmentProvider.none() : enrichment;
        this.webSearch = webSearch;
    }

    LeadResearch research(Lead lead) {
        return research(lead, this::fetchAccount);
    }

    /**
     * Researches a lead, reading the CRM account through {@code accounts} (the pipeline passes a per-run memo so that
     * leads of one company cause one account lookup).
     */
    LeadResearch research(Lead lead, Function<String, AccountContext> accounts) {
        List<ResearchFact> facts = new ArrayList<>(leadFacts(lead));
        List<String> errors = new ArrayList<>();
        String name = lead.company() != null ? lead.company() : lead.domain();
        Firmographics firmographics = null;
        if (lead.domain() != null) {
            try {
                firmographics = enrichment.lookup(lead.domain()).orElse(null);
            } catch (RuntimeException e) {
                errors.add("enrichment: " + e.getMessage());
            }
        }
        if (firmographics != null) {
            facts.addAll(enrichmentFacts(firmographics, name));
        }
        CrmSnapshot snapshot = null;
        if (crm != null && lead.domain() != null && crm.supports(CrmCapability.ACCOUNTS)) {
            try {
                snapshot = crmSnapshot(accounts.apply(lead.domain()), name, facts);
            } catch (RuntimeException e) {
                errors.add("crm: " + e.getMessage());
            }
        }
        if (webSearch != null && name != null) {
            try {
                String terms = lead.company() != null && lead.domain() != null ? lead.company() + " " + lead.domain() : name;
                for (WebSearchOrganicResult r : webSearch.search(WebSearchRequest.builder().searchTerms(terms)
                        .maxResults(WEB_RESULTS).build()).results()) {
                    if (r.title() != null && !r.title().isBlank()) {
                        String text = r.snippet() != null && !r.snippet().isBlank()
                                ? r.title().strip() + ": " + r.snippet().strip() : r.title().strip();
                        facts.add(new ResearchFact(ResearchFact.Source.WEB, text,
                                r.url() == null ? null : r.url().toString()));
                    }
                    if (facts.stream().filter(f -> f.source() == ResearchFact.Source.WEB).count() >= WEB_RESULTS) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                errors.add("web search: " + e.getMessage());
            }
        }
        return new LeadResearch(facts, firmographics, snapshot, errors);
    }

    /**
     * What the CRM holds for a domain: the account (null when none) and its opportunities' totals. Cacheable per run:
     * it does not depend on the lead.
     */
    record AccountContext(Account account, int openOpportunities, BigDecimal openPipelineUsd, Instant lastActivity) {
    }

    /** Reads the account with this domain and scans its opportunities (bounded, see the class comment). */
    AccountContext fetchAccount(String domain) {
        Optional<Account> account = crm.accounts().findByDomain(domain);
        if (account.isEmpty()) {
            return new AccountContext(null, 0, BigDecimal.ZERO, null);
        }
        Account a = account.get();
        String accountId = a.id() == null ? null : a.id().value();
        Instant last = a.updatedAt();
        int open = 0;
        BigDecimal pipeline = BigDecimal.ZERO;
        if (accountId != null && crm.supports(CrmCapability.OPPORTUNITIES)) {
            List<Opportunity> mine = Page.stream(p -> crm.opportunities().search(OpportunitySearch.all(), p), PAGE_SIZE)
                    .limit((long) PAGE_SIZE * MAX_OPPORTUNITY_PAGES)
                    .filter(o -> o.accountId() != null && accountId.equals(o.accountId().value()))
                    .toList();
            for (Opportunity o : mine) {
                if (o.updatedAt() != null && (last == null || o.updatedAt().isAfter(last))) {
                    last = o.updatedAt();
                }
                if (!isClosed(o.stage())) {
                    open++;
                    if (o.amount() != null) {
                        pipeline = pipeline.add(o.amount());
                    }
                }
            }
        }
        return new AccountContext(a, open, pipeline, last);
    }

    private CrmSnapshot crmSnapshot(AccountContext ctx, String name, List<ResearchFact> facts) {
        Account a = ctx.account();
        if (a == null) {
            return CrmSnapshot.empty(crm.providerId());
        }
        facts.add(ResearchFact.of(ResearchFact.Source.CRM, name + " is an existing CRM account"
                + (a.name() != null && !a.name().equals(name) ? " named " + a.name() : "")));
        int open = ctx.openOpportunities();
        if (open > 0) {
            facts.add(ResearchFact.of(ResearchFact.Source.CRM, name + " has " + open + " open opportunit"
                    + (open == 1 ? "y" : "ies") + " worth " + Texts.usd(ctx.openPipelineUsd())));
        }
        return new CrmSnapshot(crm.providerId(), a.id() == null ? null : a.id().value(), null, open,
                ctx.openPipelineUsd(), ctx.lastActivity());
    }

    static boolean isClosed(String stage) {
        return stage != null && stage.toLowerCase(Locale.ROOT).startsWith("closed");
    }

    static List<ResearchFact> leadFacts(Lead lead) {
        String name = lead.company() != null ? lead.company() : lead.domain();
        List<ResearchFact> facts = new ArrayList<>(3);
        if (name == null) {
            return facts;
        }
        if (lead.industry() != null) {
            facts.add(ResearchFact.of(ResearchFact.Source.LEAD, name + " works in " + lead.industry()));
        }
        if (lead.employees() != null) {
            facts.add(ResearchFact.of(ResearchFact.Source.LEAD, name + " has " + Texts.number(lead.employees())
                    + " employees"));
        }
        if (lead.country() != null) {
            facts.add(ResearchFact.of(ResearchFact.Source.LEAD, name + " is based in " + lead.country()));
        }
        return facts;
    }

    static List<ResearchFact> enrichmentFacts(Firmographics f, String fallbackName) {
        String name = f.name() != null ? f.name() : fallbackName != null ? fallbackName : f.domain();
        List<ResearchFact> facts = new ArrayList<>(4);
        if (!f.technologies().isEmpty()) {
            List<String> t = f.technologies().subList(0, Math.min(3, f.technologies().size()));
            facts.add(ResearchFact.of(ResearchFact.Source.ENRICHMENT, name + " uses " + join(t)));
        }
        if (f.employees() != null) {
            facts.add(ResearchFact.of(ResearchFact.Source.ENRICHMENT, name + " has about "
                    + Texts.number(f.employees()) + " employees"));
        }
        if (f.annualRevenueUsd() != null) {
            facts.add(ResearchFact.of(ResearchFact.Source.ENRICHMENT, name + " reports annual revenue of "
                    + Texts.usd(f.annualRevenueUsd())));
        }
        if (f.description() != null && !f.description().isBlank()) {
            facts.add(ResearchFact.of(ResearchFact.Source.ENRICHMENT, f.description().strip()));
        }
        return facts;
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
