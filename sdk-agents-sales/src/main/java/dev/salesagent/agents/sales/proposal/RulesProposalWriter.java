package dev.salesagent.agents.sales.proposal;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Template proposal. The problem section names the profile pain keywords found in the lead's notes and cites up to
 * three research facts (CRM facts excluded); it states nothing else about the buyer.
 */
final class RulesProposalWriter implements ProposalWriter {

    private final SellerProfile seller;
    private final IdealCustomerProfile profile;

    RulesProposalWriter(SellerProfile seller, IdealCustomerProfile profile) {
        this.seller = Objects.requireNonNull(seller, "seller");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    @Override
    public Proposal write(ProposalRequest req) {
        String company = ProposalDocument.company(req);
        String summary = company + " wants every lead researched, scored and followed up quickly. " + seller.product()
                + " " + seller.valueProposition() + ". This proposal covers a " + req.termMonths()
                + "-month subscription for " + ProposalDocument.money(req.dealSizeUsd()) + " USD in total.";
        List<String> pains = new ArrayList<>();
        if (req.lead().notes() != null) {
            String notes = req.lead().notes().toLowerCase(Locale.ROOT);
            profile.painKeywords().stream().sorted().filter(notes::contains).forEach(pains::add);
        }
        StringBuilder problem = new StringBuilder();
        if (pains.isEmpty()) {
            problem.append("Qualifying and following up on leads by hand costs sellers time and lets good leads go cold.");
        } else {
            problem.append(company).append(" raised these concerns: ").append(String.join(", ", pains)).append(".");
        }
        List<ResearchFact> facts = req.research().facts().stream()
                .filter(f -> f.source() != ResearchFact.Source.CRM).limit(3).toList();
        if (!facts.isEmpty()) {
            problem.append("\n\nWhat we know about ").append(company).append(":\n");
            for (ResearchFact f : facts) {
                problem.append("\n- ").append(f.text()).append(" (source: ").append(f.source().id()).append(")");
            }
        }
        String solution = seller.product() + " connects to the CRM " + company + " already uses and, for every new lead:\n\n"
                + "- researches the company and checks for duplicates,\n"
                + "- scores it with a BANT breakdown and reasons,\n"
                + "- drafts personalized outreach and a dated follow-up plan,\n"
                + "- writes the results back to the CRM in batches.";
        List<String> next = List.of(
                "Confirm scope and success criteria with " + (req.lead().fullName() != null ? req.lead().fullName() : company) + ".",
                "Sign the order form for the " + req.termMonths() + "-month term.",
                "Schedule the kick-off for " + req.startDate() + ".");
        String md = ProposalDocument.render(seller, req, summary, problem.toString(), solution, next);
        return new Proposal(ProposalDocument.title(seller, req), md, Method.RULES, null);
    }
}
