package dev.salesagent.agents.sales.scoring;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.internal.Texts;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.CrmSnapshot;
import dev.salesagent.agents.sales.research.Firmographics;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.core.context.AiContext;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The offline lead scorer: documented, weighted signals against the tenant's {@link IdealCustomerProfile}.
 *
 * <table>
 *   <caption>Signals (each dimension is clamped to 0-100)</caption>
 *   <tr><th>dimension</th><th>signal</th><th>points</th></tr>
 *   <tr><td>authority</td><td>title seniority: C-level/founder/owner/president</td><td>100</td></tr>
 *   <tr><td></td><td>VP / head of</td><td>85</td></tr>
 *   <tr><td></td><td>director</td><td>70</td></tr>
 *   <tr><td></td><td>manager / lead / principal</td><td>50</td></tr>
 *   <tr><td></td><td>individual contributor (analyst, specialist, executive, ...)</td><td>30</td></tr>
 *   <tr><td></td><td>other title / no title / intern or assistant</td><td>25 / 15 / 10</td></tr>
 *   <tr><td></td><td>title names a profile function (sales, revenue, ...)</td><td>+10</td></tr>
 *   <tr><td>budget</td><td>employees (lead, else enrichment): &gt;=5,000 / 1,000 / 250 / 50 / 10 / fewer / unknown</td>
 *       <td>90 / 80 / 65 / 50 / 30 / 15 / 25</td></tr>
 *   <tr><td></td><td>enrichment revenue &gt;= 1B / &gt;= 100M / &lt; 5M USD</td><td>+10 / +5 / -10</td></tr>
 *   <tr><td>need</td><td>industry in profile / unknown / outside</td><td>45 / 25 / 10</td></tr>
 *   <tr><td></td><td>employees within profile range / unknown</td><td>+15 / +5</td></tr>
 *   <tr><td></td><td>each distinct pain keyword in the notes (max 3)</td><td>+12</td></tr>
 *   <tr><td></td><td>country outside the profile's countries</td><td>-15</td></tr>
 *   <tr><td>timeline</td><td>no timing signal</td><td>30</td></tr>
 *   <tr><td></td><td>urgent timing words in notes ({@code this quarter}, {@code asap}, {@code RFP}, ...)</td><td>80</td></tr>
 *   <tr><td></td><td>stalling words ({@code next year}, {@code no budget}, {@code not interested}, ...)</td><td>10</td></tr>
 *   <tr><td></td><td>CRM activity within 30 days / open opportunities</td><td>+15 / +10</td></tr>
 * </table>
 *
 * Overall = the profile's weighted sum, graded by the profile's cut-offs. Each reason cites the value it used.
 */
final class RulesLeadScorer implements LeadScorer {

    static final Duration RECENT = Duration.ofDays(30);

    private static final Pattern C_LEVEL = Pattern.compile(
            "\\b(chief|ceo|cfo|cto|coo|cro|cmo|cio|cso|founder|co-founder|cofounder|owner|managing director|"
                    + "general manager|partner)\\b|(?<!vice )\\bpresident\\b");
    private static final Pattern VP = Pattern.compile("\\b(vice president|vp|svp|evp|avp|head of)\\b");
    private static final Pattern DIRECTOR = Pattern.compile("\\bdirector\\b");
    private static final Pattern MANAGER = Pattern.compile("\\b(manager|lead|principal|supervisor)\\b");
    private static final Pattern JUNIOR = Pattern.compile("\\b(intern|student|assistant|trainee)\\b");
    private static final Pattern IC = Pattern.compile(
            "\\b(specialist|analyst|associate|coordinator|representative|rep|engineer|consultant|executive|"
                    + "administrator|developer|officer|strategist|planner)\\b");

    static final List<String> URGENT = List.of("asap", "urgent", "this quarter", "this month", "immediately",
            "budget approved", "approved budget", "rfp", "evaluating", "pilot", "trial", "next month",
            "within 30 days", "end of quarter", "renewal", "deadline", "go-live", "go live", "requested a demo",
            "demo");
    static final List<String> STALLING = List.of("next year", "not now", "no budget", "just browsing",
            "not a priority", "maybe later", "not interested", "unsubscribe", "no interest", "happy with current");

    private final Function<String, IdealCustomerProfile> profiles;
    private final Clock clock;

    RulesLeadScorer(Function<String, IdealCustomerProfile> profiles, Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LeadScore score(Lead lead, LeadResearch research) {
        Objects.requireNonNull(lead, "lead");
        LeadResearch r = research == null ? LeadResearch.none() : research;
        IdealCustomerProfile icp = profiles.apply(AiContext.current().tenant());
        if (icp == null) {
            icp = IdealCustomerProfile.defaults();
        }
        List<String> reasons = new ArrayList<>(4);
        int authority = authority(lead, icp, reasons);
        int budget = budget(lead, r, reasons);
        int need = need(lead, r, icp, reasons);
        int timeline = timeline(lead, r, reasons);
        BantScores bant = new BantScores(budget, authority, need, timeline);
        int overall = icp.overall(bant);
        return new LeadScore(bant, overall, icp.grade(overall), reasons, Method.RULES, null);
    }

    private static int authority(Lead lead, IdealCustomerProfile icp, List<String> reasons) {
        String title = lead.title();
        if (title == null) {
            reasons.add("authority 15: no title given");
            return 15;
        }
        String t = title.toLowerCase(Locale.ROOT);
        int points;
        String level;
        if (JUNIOR.matcher(t).find()) {
            points = 10;
            level = "junior";
        } else if (C_LEVEL.matcher(t).find()) {
            points = 100;
            level = "C-level/owner";
        } else if (VP.matcher(t).find()) {
            points = 85;
            level = "VP level";
        } else if (DIRECTOR.matcher(t).find()) {
            points = 70;
            level = "director level";
        } else if (MANAGER.matcher(t).find()) {
            points = 50;
            level = "manager level";
        } else if (IC.matcher(t).find()) {
            points = 30;
            level = "individual contributor";
        } else {
            points = 25;
            level = "of unknown seniority";
        }
        String function = icp.functions().stream().filter(t::contains).findFirst().orElse(null);
        StringBuilder why = new StringBuilder("title '").append(title).append("' is ").append(level);
        if (function != null) {
            points = Math.min(100, points + 10);
            why.append(" in ").append(function);
        }
        reasons.add("authority " + points + ": " + why);
        return points;
    }

    private static int budget(Lead lead, LeadResearch r, List<String> reasons) {
        Long employees = lead.employees();
        String source = "lead";
        Firmographics f = r.firmographics();
        if (employees == null && f != null && f.employees() != null) {
            employees = f.employees();
            source = f.source();
        }
        int points;
        List<String> why = new ArrayList<>(2);
        if (employees == null) {
            points = 25;
            why.add("employee count unknown");
        } else {
            long e = employees;
            points = e >= 5000 ? 90 : e >= 1000 ? 80 : e >= 250 ? 65 : e >= 50 ? 50 : e >= 10 ? 30 : 15;
            why.add(Texts.number(e) + " employees (" + source + ")");
        }
        if (f != null && f.annualRevenueUsd() != null) {
            BigDecimal rev = f.annualRevenueUsd();
            if (rev.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0) {
                points += 10;
            } else if (rev.compareTo(BigDecimal.valueOf(100_000_000L)) >= 0) {
                points += 5;
            } else if (rev.compareTo(BigDecimal.valueOf(5_000_000L)) < 0) {
                points -= 10;
            }
            why.add("annual revenue " + Texts.usd(rev) + " (" + f.source() + ")");
        }
        points = clamp(points);
        reasons.add("budget " + points + ": " + String.join("; ", why));
        return points;
    }

    private static int need(Lead lead, LeadResearch r, IdealCustomerProfile icp, List<String> reasons) {
        Firmographics f = r.firmographics();
        String industry = lead.industry() != null ? lead.industry() : f == null ? null : f.industry();
        List<String> why = new ArrayList<>(4);
        int points;
        if (industry == null) {
            points = 25;
            why.add("industry unknown");
        } else if (icp.industries().isEmpty() || matchesAny(industry, icp.industries())) {
            points = 45;
            why.add("industry '" + industry + "' fits the ideal customer profile");
        } else {
            points = 10;
            why.add("industry '" + industry + "' is outside the ideal customer profile");
        }
        Long employees = lead.employees() != null ? lead.employees() : f == null ? null : f.employees();
        if (employees == null) {
            points += 5;
        } else if (employees >= icp.minEmployees() && employees <= icp.maxEmployees()) {
            points += 15;
            why.add(Texts.number(employees) + " employees within the ideal " + Texts.number(icp.minEmployees()) + "-"
                    + Texts.number(icp.maxEmployees()));
        } else {
            why.add(Texts.number(employees) + " employees outside the ideal " + Texts.number(icp.minEmployees()) + "-"
                    + Texts.number(icp.maxEmployees()));
        }
        if (lead.notes() != null) {
            String notes = lead.notes().toLowerCase(Locale.ROOT);
            List<String> pains = icp.painKeywords().stream().filter(notes::contains).sorted().limit(3).toList();
            if (!pains.isEmpty()) {
                points += 12 * pains.size();
                why.add("notes mention " + quoteAll(pains));
            }
        }
        String country = lead.country() != null ? lead.country() : f == null ? null : f.country();
        if (!icp.countries().isEmpty() && country != null
                && !icp.countries().contains(country.toLowerCase(Locale.ROOT))) {
            points -= 15;
            why.add("country '" + country + "' is outside the target countries");
        }
        points = clamp(points);
        reasons.add("need " + points + ": " + String.join("; ", why));
        return points;
    }

    private int timeline(Lead lead, LeadResearch r, List<String> reasons) {
        List<String> why = new ArrayList<>(3);
        int points = 30;
        String notes = lead.notes() == null ? "" : lead.notes().toLowerCase(Locale.ROOT);
        List<String> stalling = STALLING.stream().filter(w -> Texts.containsWord(notes, w)).toList();
        List<String> urgent = URGENT.stream().filter(w -> Texts.containsWord(notes, w)).toList();
        if (!stalling.isEmpty()) {
            points = 10;
            why.add("notes mention " + quoteAll(stalling));
        } else if (!urgent.isEmpty()) {
            points = 80;
            why.add("notes mention " + quoteAll(urgent));
        }
        CrmSnapshot crm = r.crm();
        if (crm != null) {
            if (crm.lastActivity() != null && !crm.lastActivity().isBefore(clock.instant().minus(RECENT))) {
                points += 15;
                why.add("CRM activity on " + crm.lastActivity().toString().substring(0, 10));
            }
            if (crm.openOpportunities() > 0) {
                points += 10;
                why.add(crm.openOpportunities() + " open opportunit" + (crm.openOpportunities() == 1 ? "y" : "ies")
                        + " in the CRM");
            }
        }
        if (why.isEmpty()) {
            why.add("no timing signal");
        }
        points = clamp(points);
        reasons.add("timeline " + points + ": " + String.join("; ", why));
        return points;
    }

    static boolean matchesAny(String value, Iterable<String> keywords) {
        String v = value.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            if (v.contains(k) || k.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static String quoteAll(List<String> words) {
        return "'" + String.join("', '", words) + "'";
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(100, v));
    }
}
