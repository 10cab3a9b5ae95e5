package dev.salesagent.agents.sales.outreach;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Template outreach. Structure: greeting; the lead's role and company; one or two cited research facts (enrichment
 * and web first, then lead facts; CRM facts are internal and never cited); the seller's value proposition; named
 * pain keywords from the notes when present; a call to action by grade. Nothing else about the lead is stated.
 */
final class RulesOutreachWriter implements OutreachWriter {

    private final SellerProfile seller;
    private final IdealCustomerProfile profile;

    RulesOutreachWriter(SellerProfile seller, IdealCustomerProfile profile) {
        this.seller = Objects.requireNonNull(seller, "seller");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    @Override
    public OutreachDraft draft(Lead lead, LeadResearch research, LeadScore score) {
        LeadResearch r = research == null ? LeadResearch.none() : research;
        String company = lead.company() != null ? lead.company()
                : r.firmographics() != null && r.firmographics().name() != null ? r.firmographics().name()
                : lead.domain() != null ? lead.domain() : "your team";
        List<ResearchFact> citable = r.facts().stream()
                .filter(f -> f.source() != ResearchFact.Source.CRM)
                .sorted(Comparator.comparingInt(RulesOutreachWriter::priority))
                .limit(2)
                .toList();
        StringBuilder body = new StringBuilder();
        body.append("Hi ").append(lead.firstName() != null ? lead.firstName() : "there").append(",\n\n");
        if (lead.title() != null) {
            body.append("As ").append(article(lead.title())).append(lead.title()).append(" at ").append(company)
                    .append(", ").append(roleHook(lead.title())).append(".");
        } else {
            body.append("I am reaching out to the team at ").append(company).append(".");
        }
        if (!citable.isEmpty()) {
            body.append(" I noticed that ").append(stripPeriod(citable.get(0).text()));
            if (citable.size() > 1) {
                body.append(", and that ").append(stripPeriod(citable.get(1).text()));
            }
            body.append(".");
        }
        body.append("\n\n").append(seller.product()).append(" ").append(seller.valueProposition()).append(".");
        List<String> pains = pains(lead);
        if (!pains.isEmpty()) {
            body.append(" You mentioned ").append(String.join(" and ", pains))
                    .append(", which is exactly where it helps most.");
        }
        Grade grade = score == null ? Grade.C : score.grade();
        body.append("\n\n").append(switch (grade) {
            case A -> "Would you have 20 minutes this week to see whether it fits " + company + "?";
            case B -> "Would a 20-minute call in the next two weeks be useful to see whether it fits " + company + "?";
            case C, D -> "If it is useful, I can send a short overview you can read when the timing is right.";
        });
        body.append("\n\nBest regards,\n").append(seller.senderName());
        String subject = lead.title() != null
                ? company + ": " + focus(lead.title()) + " without the manual work"
                : seller.product() + " for " + company;
        return new OutreachDraft(subject, body.toString(), citable, Method.RULES, null);
    }

    private List<String> pains(Lead lead) {
        if (lead.notes() == null) {
            return List.of();
        }
        String notes = lead.notes().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(2);
        for (String k : profile.painKeywords().stream().sorted().toList()) {
            if (notes.contains(k) && out.size() < 2) {
                out.add(k);
            }
        }
        return out;
    }

    private static int priority(ResearchFact f) {
        return switch (f.source()) {
            case ENRICHMENT -> 0;
            case WEB -> 1;
            case LEAD -> 2;
            case CRM -> 3;
        };
    }

    private static String roleHook(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("marketing") || t.contains("growth")) {
            return "you care about how many of your leads turn into pipeline";
        }
        if (t.contains("operations") || t.contains("ops")) {
            return "you own the processes and data your sellers depend on";
        }
        if (t.contains("sales") || t.contains("revenue") || t.contains("business development")
                || t.contains("commercial") || t.contains("account")) {
            return "you own how quickly new leads become qualified pipeline";
        }
        return "you see first-hand how your team handles new business";
    }

    private static String focus(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("marketing") || t.contains("growth")) {
            return "more pipeline from your leads";
        }
        if (t.contains("operations") || t.contains("ops")) {
            return "cleaner lead data";
        }
        return "faster lead qualification";
    }

    private static String article(String word) {
        char c = Character.toLowerCase(word.charAt(0));
        return "aeiou".indexOf(c) >= 0 ? "an " : "a ";
    }

    private static String stripPeriod(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
