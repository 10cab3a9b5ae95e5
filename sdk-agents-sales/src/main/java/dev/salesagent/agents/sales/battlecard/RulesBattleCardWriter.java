package dev.salesagent.agents.sales.battlecard;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Battle cards by sentence classification. Notes are split into sentences; a sentence about price (a currency sign,
 * "price", "per seat", ...) goes to pricing; one naming the competitor (or "they") with a negative word (slow,
 * expensive, lacks, ...) to their weaknesses; one about us ("we", "our", the product name) with a positive word to
 * our strengths. Differentiators are our strengths on a topic where they are weak, else our first strengths.
 * Objections come from sentences quoting prospects ("prospects say", "objection:") plus the switching objection,
 * answered with our strength on the same topic. Nothing is added that is not in the notes.
 */
final class RulesBattleCardWriter implements BattleCardWriter {

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final List<String> PRICE = List.of("$", "€", "£", "usd", "price", "pricing", "per seat",
            "per user", "cost", "discount", "license", "licence", "fee");
    private static final List<String> NEGATIVE = List.of("slow", "expensive", "lack", "lacks", "no ", "limited",
            "complex", "complicated", "difficult", "poor", "outage", "missing", "hard to", "doesn't", "does not",
            "weak", "bugs", "buggy", "only ", "manual", "extra", "locked", "churn", "clunky");
    private static final List<String> POSITIVE = List.of("faster", "fast", "native", "built-in", "include", "includes", "included",
            "better", "supports", "unlimited", "certified", "24/7", "real-time", "real time", "easy", "simple",
            "open", "automatic", "automated", "flexible", "transparent", "no extra");
    private static final List<String> OBJECTION = List.of("prospects say", "customers say", "objection:",
            "pushback", "they ask", "prospects ask", "common objection");
    private static final Map<String, List<String>> TOPICS;

    static {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        topics.put("pricing", PRICE);
        topics.put("integration", List.of("integration", "integrate", "api", "connector", "salesforce", "hubspot",
                "netsuite"));
        topics.put("onboarding", List.of("setup", "set up", "onboarding", "implementation", "migration", "deploy"));
        topics.put("support", List.of("support", "customer success", "response time", "sla"));
        topics.put("security", List.of("security", "soc 2", "soc2", "gdpr", "hipaa", "sso", "encryption"));
        topics.put("reporting", List.of("report", "dashboard", "analytics", "forecast"));
        topics.put("performance", List.of("slow", "fast", "performance", "latency", "scale", "outage", "uptime"));
        topics.put("ai", List.of(" ai", "model", "llm", "scoring", "automation", "automated"));
        TOPICS = java.util.Collections.unmodifiableMap(topics);
    }

    private final SellerProfile seller;

    RulesBattleCardWriter(SellerProfile seller) {
        this.seller = Objects.requireNonNull(seller, "seller");
    }

    @Override
    public BattleCard write(String competitor, List<String> sourceNotes) {
        if (competitor == null || competitor.isBlank()) {
            throw new IllegalArgumentException("competitor must not be blank");
        }
        String them = competitor.strip().toLowerCase(Locale.ROOT);
        String product = seller.product().toLowerCase(Locale.ROOT);
        String company = seller.company().toLowerCase(Locale.ROOT);
        Set<String> strengths = new LinkedHashSet<>();
        Set<String> weaknesses = new LinkedHashSet<>();
        Set<String> pricing = new LinkedHashSet<>();
        List<String> quotedObjections = new ArrayList<>();
        for (String note : sourceNotes == null ? List.<String>of() : sourceNotes) {
            for (String raw : SENTENCE.split(note == null ? "" : note)) {
                String s = raw.strip().replaceAll("^[-*•]\\s*", "");
                if (s.length() < 4) {
                    continue;
                }
                String l = " " + s.toLowerCase(Locale.ROOT) + " ";
                if (OBJECTION.stream().anyMatch(l::contains)) {
                    quotedObjections.add(objectionText(s));
                    continue;
                }
                if (PRICE.stream().anyMatch(l::contains)) {
                    pricing.add(s);
                    continue;
                }
                boolean aboutThem = l.contains(them) || Texts.containsWord(l, "they")
                        || Texts.containsWord(l, "their");
                boolean aboutUs = l.contains(product) || l.contains(company) || Texts.containsWord(l, "we")
                        || Texts.containsWord(l, "our") || Texts.containsWord(l, "us");
                if (aboutThem && !aboutUs && NEGATIVE.stream().anyMatch(l::contains)) {
                    weaknesses.add(s);
                } else if (aboutUs && POSITIVE.stream().anyMatch(l::contains)) {
                    strengths.add(s);
                } else if (aboutThem && aboutUs) {
                    (NEGATIVE.stream().anyMatch(l::contains) ? weaknesses : strengths).add(s);
                }
            }
        }
        List<String> differentiators = new ArrayList<>();
        Set<String> weakTopics = new LinkedHashSet<>();
        weaknesses.forEach(w -> weakTopics.addAll(topics(w)));
        for (String s : strengths) {
            if (topics(s).stream().anyMatch(weakTopics::contains) && differentiators.size() < 3) {
                differentiators.add(s);
            }
        }
        for (String s : strengths) {
            if (differentiators.size() >= 3) {
                break;
            }
            if (!differentiators.contains(s)) {
                differentiators.add(s);
            }
        }
        List<BattleCard.ObjectionResponse> objections = new ArrayList<>();
        objections.add(new BattleCard.ObjectionResponse("We already use " + competitor.strip() + ".",
                strengths.isEmpty()
                        ? "Ask what would have to change for them to consider an alternative, then compare on that."
                        : "Understood. Teams that compare us mention: " + String.join(" ", differentiators.subList(0,
                        Math.min(2, differentiators.size())))));
        for (String q : quotedObjections) {
            objections.add(new BattleCard.ObjectionResponse(q, answer(q, strengths)));
        }
        return new BattleCard(competitor.strip(), List.copyOf(strengths), List.copyOf(weaknesses),
                List.copyOf(pricing), differentiators, objections, Method.RULES, null);
    }

    private static String objectionText(String sentence) {
        int colon = sentence.indexOf(':');
        String s = colon >= 0 && colon < sentence.length() - 1 ? sentence.substring(colon + 1) : sentence;
        s = s.strip().replaceAll("^[\"“]|[\"”]$", "");
        return s.isEmpty() ? sentence : s;
    }

    private static String answer(String objection, Set<String> strengths) {
        Set<String> topics = topics(objection);
        for (String s : strengths) {
            if (topics(s).stream().anyMatch(topics::contains)) {
                return s;
            }
        }
        return "Acknowledge it, ask what is behind it, and compare on the buyer's own criteria.";
    }

    static Set<String> topics(String sentence) {
        String l = " " + sentence.toLowerCase(Locale.ROOT) + " ";
        Set<String> out = new LinkedHashSet<>();
        TOPICS.forEach((topic, words) -> {
            if (words.stream().anyMatch(l::contains)) {
                out.add(topic);
            }
        });
        return out;
    }
}
