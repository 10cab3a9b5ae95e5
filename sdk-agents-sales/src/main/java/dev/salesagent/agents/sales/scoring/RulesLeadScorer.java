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
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The offline lead scorer: documented, weighted facts against the tenant's {@link IdealCustomerProfile}.
 *
 * <table>
 *   <caption>Facts (each scored 0-100; weights within a dimension in brackets)</caption>
 *   <tr><th>dimension</th><th>fact</th><th>points when known</th><th>unknown when</th></tr>
 *   <tr><td>authority</td><td>title seniority: C-level (chief ... officer, CEO, CRO, ...), founder, owner,
 *       president, managing director, managing partner</td><td>100</td><td>no title</td></tr>
 *   <tr><td></td><td>VP / SVP / EVP / AVP / head of</td><td>85</td><td></td></tr>
 *   <tr><td></td><td>director</td><td>70</td><td></td></tr>
 *   <tr><td></td><td>manager / lead / principal / supervisor / chief (not an officer)</td><td>50</td><td></td></tr>
 *   <tr><td></td><td>any other title: an individual contributor ({@code Account Executive},
 *       {@code Statistician I}, {@code Senior Editor})</td><td>30</td><td></td></tr>
 *   <tr><td></td><td>intern, student, trainee, junior, assistant (without a leadership word)</td><td>10</td><td></td></tr>
 *   <tr><td></td><td>title names a profile function (also as CRO, CMO, COO, RevOps, SDR, BDR, AE)</td><td>+10</td>
 *       <td></td></tr>
 *   <tr><td>budget</td><td>employees (lead, else enrichment): &gt;=5,000 / 1,000 / 250 / 50 / 10 / fewer</td>
 *       <td>90 / 80 / 65 / 50 / 30 / 15</td><td>no employee count and no revenue</td></tr>
 *   <tr><td></td><td>enrichment revenue &gt;= 1B / &gt;= 100M / &lt; 5M USD (alone: 90 / 75 / 50 / 30)</td>
 *       <td>+10 / +5 / 0 / -10</td><td></td></tr>
 *   <tr><td>need</td><td>[0.5] industry in the profile / outside (matched by {@link IndustryTaxonomy})</td>
 *       <td>100 / 0</td><td>no industry, or {@code n/a}, {@code Other}, ...; not a fact when the profile
 *       lists no industries</td></tr>
 *   <tr><td></td><td>[0.2] employees within the profile's range / outside</td><td>100 / 0</td>
 *       <td>no employee count</td></tr>
 *   <tr><td></td><td>[0.3] notes with 1 / 2 / 3 or more distinct pain keywords / with none</td>
 *       <td>70 / 85 / 100 / 30</td><td>no notes</td></tr>
 *   <tr><td></td><td>[0.2] country in the profile's countries / outside</td><td>100 / 0</td>
 *       <td>no country; not a fact when the profile lists no countries</td></tr>
 *   <tr><td>timeline</td><td>urgent timing words in notes ({@code this quarter}, {@code asap}, {@code RFP}, ...)
 *       / stalling words ({@code next year}, {@code no budget}, ...) / notes with neither</td><td>80 / 10 / 30</td>
 *       <td>no notes and no CRM signal</td></tr>
 *   <tr><td></td><td>CRM activity within 30 days / open opportunities (added to 30 when the notes
 *       have no timing words, to 50 when there are no notes)</td>
 *       <td>+15 / +10</td><td></td></tr>
 * </table>
 *
 * <p>Fit facts (industry, company size, country) are yes or no: 100 or 0.
 *
 * <p><b>Unknown facts.</b> A fact the data does not state is neither for nor against the lead: it counts as the
 * neutral 50 at half its weight (the other half goes to the known facts). Each dimension is the weighted mean of its
 * facts on that rule, and the overall score is {@code sum(w * e * v) / sum(w * e)} over all facts, with {@code w} the
 * profile's dimension weight times the fact's weight in its dimension, {@code e} 1 for a known fact and 0.5 for an
 * unknown one, and {@code v} the fact's points or 50. So a lead with nothing known scores 50 (grade C under the
 * default cut-offs); with the default weights no single fact can lift a lead to A or sink it below 25; and when every
 * fact is known the overall score is the profile's weighted sum of the four dimensions. The fifth reason gives the
 * confidence (the share of the profile's weight resting on known facts) and names the unknown facts.
 */
final class RulesLeadScorer implements LeadScorer {

    static final Duration RECENT = Duration.ofDays(30);

    /** Points of an unknown fact. */
    static final int NEUTRAL = 50;
    /** Share of its weight an unknown fact keeps. */
    static final double UNKNOWN_WEIGHT = 0.5;

    private static final Pattern C_LEVEL = Pattern.compile(
            "\\b(ceo|cfo|cto|coo|cro|cmo|cio|ciso|cso|cco|cdo|cpo|cxo|c level|c suite|founder|co founder|cofounder|"
                    + "managing director|general manager|managing partner|senior partner|founding partner|"
                    + "general partner|executive director)\\b|(?<!product )\\bowner\\b|\\bchief\\b.*\\bofficer\\b|"
                    + "^partner$|(?<!vice )\\bpresident\\b");
    private static final Pattern VP = Pattern.compile("\\b(vice president|vp|svp|evp|avp|head)\\b");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIRECTOR = Pattern.compile("\\bdirector\\b");
    private static final Pattern MANAGER = Pattern.compile(
            "\\b(manager|mgr|lead|leader|principal|supervisor|chief|superintendent|foreman)\\b");
    private static final Pattern JUNIOR = Pattern.compile(
            "\\b(intern|internship|student|trainee|apprentice|junior|jr|graduate|assistant to|executive assistant|"
                    + "personal assistant|administrative assistant)\\b");
    private static final Pattern ASSISTANT = Pattern.compile("\\bassistant\\b");
    /** Abbreviations in titles and the function words they stand for. */
    private static final Map<String, String> FUNCTION_ABBREVIATIONS = Map.ofEntries(Map.entry("cro", "revenue"),
            Map.entry("cmo", "marketing"), Map.entry("coo", "operations"), Map.entry("revops", "revenue operations"),
            Map.entry("salesops", "sales operations"), Map.entry("sdr", "sales development"),
            Map.entry("bdr", "business development"), Map.entry("bd", "business development"),
            Map.entry("bizdev", "business development"), Map.entry("ae", "sales"), Map.entry("gtm", "commercial"));

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

    /** One dimension's facts: the weighted sums behind its score and its share of the overall score. */
    private static final class Dimension {
        private final String name;
        private final double weight;
        private final List<String> why = new ArrayList<>(4);
        private final List<String> unknown = new ArrayList<>(2);
        private double sum;
        private double effective;
        private double known;
        private double total;

        Dimension(String name, double weight) {
            this.name = name;
            this.weight = weight;
        }

        /** A known fact worth {@code points} with weight {@code w} in this dimension. */
        void known(double w, int points, String reason) {
            sum += w * clamp(points);
            effective += w;
            known += w;
            total += w;
            why.add(reason);
        }

        /** A fact the data does not state: neutral points at half weight. */
        void unknown(double w, String fact, String reason) {
            sum += w * UNKNOWN_WEIGHT * NEUTRAL;
            effective += w * UNKNOWN_WEIGHT;
            total += w;
            unknown.add(fact);
            why.add(reason);
        }

        int score() {
            return clamp((int) Math.round(sum / effective));
        }

        String reason() {
            return name + " " + score() + ": " + String.join("; ", why);
        }
    }

    @Override
    public LeadScore score(Lead lead, LeadResearch research) {
        Objects.requireNonNull(lead, "lead");
        LeadResearch r = research == null ? LeadResearch.none() : research;
        IdealCustomerProfile icp = profiles.apply(AiContext.current().tenant());
        if (icp == null) {
            icp = IdealCustomerProfile.defaults();
        }
        Dimension authority = authority(lead, icp);
        Dimension budget = budget(lead, r, icp);
        Dimension need = need(lead, r, icp);
        Dimension timeline = timeline(lead, r, icp);
        List<Dimension> all = List.of(authority, budget, need, timeline);
        double sum = 0;
        double effective = 0;
        double known = 0;
        double total = 0;
        List<String> unknown = new ArrayList<>(4);
        for (Dimension d : all) {
            sum += d.weight * d.sum / d.total;
            effective += d.weight * d.effective / d.total;
            known += d.weight * d.known / d.total;
            total += d.weight;
            unknown.addAll(d.unknown);
        }
        int overall = effective == 0 ? NEUTRAL : clamp((int) Math.round(sum / effective));
        int confidence = (int) Math.round(100 * known / total);
        List<String> reasons = new ArrayList<>(5);
        for (Dimension d : all) {
            reasons.add(d.reason());
        }
        reasons.add("confidence " + confidence + "%: " + (unknown.isEmpty() ? "every fact known"
                : "unknown " + String.join(", ", unknown) + " (each counted as neutral " + NEUTRAL + " at half weight)"));
        BantScores bant = new BantScores(budget.score(), authority.score(), need.score(), timeline.score());
        return new LeadScore(bant, overall, icp.grade(overall), reasons, Method.RULES, null);
    }

    private static Dimension authority(Lead lead, IdealCustomerProfile icp) {
        Dimension d = new Dimension("authority", icp.authorityWeight());
        String title = lead.title();
        if (title == null) {
            d.unknown(1, "title", "no title given");
            return d;
        }
        String t = normalizedTitle(title);
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
        } else if (ASSISTANT.matcher(t).find()) {
            points = 10;
            level = "junior";
        } else {
            points = 30;
            level = "individual contributor";
        }
        String function = function(t, icp);
        StringBuilder why = new StringBuilder("title '").append(title).append("' is ").append(level);
        if (function != null) {
            points = Math.min(100, points + 10);
            why.append(" in ").append(function);
        }
        d.known(1, points, why.toString());
        return d;
    }

    /** Lower case, dots dropped ({@code V.P.}), every other non-alphanumeric to one space. */
    static String normalizedTitle(String title) {
        return NON_WORD.matcher(title.toLowerCase(Locale.ROOT).replace(".", "")).replaceAll(" ").strip();
    }

    private static String function(String normalizedTitle, IdealCustomerProfile icp) {
        StringBuilder text = new StringBuilder(normalizedTitle);
        for (String word : normalizedTitle.split(" ")) {
            String expanded = FUNCTION_ABBREVIATIONS.get(word);
            if (expanded != null) {
                text.append(' ').append(expanded);
            }
        }
        String t = text.toString();
        return icp.functions().stream().filter(f -> Texts.containsWord(t, normalizedTitle(f))).findFirst()
                .orElse(null);
    }

    private static Dimension budget(Lead lead, LeadResearch r, IdealCustomerProfile icp) {
        Dimension d = new Dimension("budget", icp.budgetWeight());
        Long employees = lead.employees();
        String source = "lead";
        Firmographics f = r.firmographics();
        if (employees == null && f != null && f.employees() != null) {
            employees = f.employees();
            source = f.source();
        }
        BigDecimal rev = f == null ? null : f.annualRevenueUsd();
        if (employees == null && rev == null) {
            d.unknown(1, "employee count", "employee count unknown");
            return d;
        }
        List<String> why = new ArrayList<>(2);
        int points;
        if (employees != null) {
            long e = employees;
            points = e >= 5000 ? 90 : e >= 1000 ? 80 : e >= 250 ? 65 : e >= 50 ? 50 : e >= 10 ? 30 : 15;
            why.add(Texts.number(e) + " employees (" + source + ")");
            if (rev != null) {
                points += rev.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0 ? 10
                        : rev.compareTo(BigDecimal.valueOf(100_000_000L)) >= 0 ? 5
                        : rev.compareTo(BigDecimal.valueOf(5_000_000L)) < 0 ? -10 : 0;
            }
        } else {
            why.add("employee count unknown");
            points = rev.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0 ? 90
                    : rev.compareTo(BigDecimal.valueOf(100_000_000L)) >= 0 ? 75
                    : rev.compareTo(BigDecimal.valueOf(5_000_000L)) >= 0 ? 50 : 30;
        }
        if (rev != null) {
            why.add("annual revenue " + Texts.usd(rev) + " (" + f.source() + ")");
        }
        d.known(1, points, String.join("; ", why));
        return d;
    }

    private static Dimension need(Lead lead, LeadResearch r, IdealCustomerProfile icp) {
        Dimension d = new Dimension("need", icp.needWeight());
        Firmographics f = r.firmographics();
        String industry = lead.industry() != null ? lead.industry() : f == null ? null : f.industry();
        if (!icp.industries().isEmpty()) {
            String match = IndustryTaxonomy.unknown(industry) ? null : firstMatch(industry, icp);
            if (IndustryTaxonomy.unknown(industry)) {
                d.unknown(0.5, "industry", industry == null ? "industry unknown" : "industry '" + industry
                        + "' states none");
            } else if (match != null) {
                d.known(0.5, 100, "industry '" + industry + "' fits the ideal customer profile ("
                        + match + ")");
            } else {
                d.known(0.5, 0, "industry '" + industry + "' is outside the ideal customer profile");
            }
        }
        Long employees = lead.employees() != null ? lead.employees() : f == null ? null : f.employees();
        String range = Texts.number(icp.minEmployees()) + (icp.maxEmployees() == Long.MAX_VALUE ? " or more"
                : "-" + Texts.number(icp.maxEmployees()));
        if (employees == null) {
            d.unknown(0.2, "company size fit", "company size unknown");
        } else if (employees >= icp.minEmployees() && employees <= icp.maxEmployees()) {
            d.known(0.2, 100, Texts.number(employees) + " employees within the ideal " + range);
        } else {
            d.known(0.2, 0, Texts.number(employees) + " employees outside the ideal " + range);
        }
        String notes = lead.notes() == null ? null : lead.notes().toLowerCase(Locale.ROOT);
        List<String> pains = notes == null ? List.of()
                : icp.painKeywords().stream().filter(notes::contains).sorted().limit(3).toList();
        if (!pains.isEmpty()) {
            d.known(0.3, pains.size() == 1 ? 70 : pains.size() == 2 ? 85 : 100, "notes mention " + quoteAll(pains));
        } else if (notes != null) {
            d.known(0.3, 30, "notes name no pain keyword");
        } else {
            d.unknown(0.3, "pains", "no notes");
        }
        if (!icp.countries().isEmpty()) {
            String country = lead.country() != null ? lead.country() : f == null ? null : f.country();
            if (country == null) {
                d.unknown(0.2, "country", "country unknown");
            } else if (icp.countries().contains(country.toLowerCase(Locale.ROOT))) {
                d.known(0.2, 100, "country '" + country + "' is a target country");
            } else {
                d.known(0.2, 0, "country '" + country + "' is outside the target countries");
            }
        }
        return d;
    }

    private Dimension timeline(Lead lead, LeadResearch r, IdealCustomerProfile icp) {
        Dimension d = new Dimension("timeline", icp.timelineWeight());
        List<String> why = new ArrayList<>(3);
        int points = lead.notes() == null ? NEUTRAL : 30;
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
        if (why.isEmpty() && lead.notes() == null) {
            d.unknown(1, "timing", "no timing signal");
        } else if (why.isEmpty()) {
            d.known(1, 30, "notes give no timing signal");
        } else {
            d.known(1, points, String.join("; ", why));
        }
        return d;
    }

    /** The first profile keyword a known industry fits, or null. */
    static String firstMatch(String industry, IdealCustomerProfile icp) {
        IndustryTaxonomy.Name name = IndustryTaxonomy.name(industry);
        List<IndustryTaxonomy.Name> keywords = icp.industryNames();
        int i = 0;
        for (String k : icp.industries()) {
            if (IndustryTaxonomy.matches(name, keywords.get(i++))) {
                return k;
            }
        }
        return null;
    }

    private static String quoteAll(List<String> words) {
        return "'" + String.join("', '", words) + "'";
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(100, v));
    }
}
