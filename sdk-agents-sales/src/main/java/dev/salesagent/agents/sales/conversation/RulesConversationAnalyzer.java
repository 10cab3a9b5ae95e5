package dev.salesagent.agents.sales.conversation;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.internal.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Conversation analysis by lexicon and patterns, sentence by sentence.
 * <ul>
 *   <li>Sentiment: (positive - negative) / (positive + negative) lexicon hits, overall and per speaker; label by
 *       {@link ConversationAnalysis.Sentiment#of(double)}.</li>
 *   <li>Topics: keyword families (pricing, integration, security, timeline, competition, implementation, support,
 *       contract, reporting), most mentioned first.</li>
 *   <li>Objections: sentences matching objection phrases ("too expensive", "we already use", "need to check
 *       with", ...), quoted verbatim with a category.</li>
 *   <li>Next actions: sentences with commitments ("I'll send", "let's schedule", "next step", ...).</li>
 *   <li>Talk time: each speaker's share of words. Questions: sentences ending in '?'.</li>
 * </ul>
 */
final class RulesConversationAnalyzer implements ConversationAnalyzer {

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
    private static final List<String> POSITIVE = List.of("great", "good", "love", "like", "excellent", "helpful",
            "impressive", "perfect", "excited", "happy", "interested", "useful", "thanks", "thank you", "agree",
            "makes sense", "sounds good", "valuable", "nice", "exactly", "awesome", "glad");
    private static final List<String> NEGATIVE = List.of("expensive", "concern", "concerned", "worried", "problem",
            "issue", "difficult", "frustrated", "frustrating", "slow", "bad", "not sure", "unfortunately", "risk",
            "risky", "hate", "annoying", "disappointed", "no budget", "too much", "can't", "cannot", "complicated",
            "painful", "hard", "doubt", "skeptical", "sceptical");
    private static final Map<String, List<String>> OBJECTIONS;
    private static final Map<String, List<String>> TOPICS;
    private static final List<String> ACTIONS = List.of("i'll", "i will", "we'll", "we will", "let's", "let us",
            "next step", "follow up", "follow-up", "send you", "send over", "schedule", "set up a", "book a",
            "circle back", "loop in");

    static {
        Map<String, List<String>> objections = new LinkedHashMap<>();
        Map<String, List<String>> topics = new LinkedHashMap<>();
        objections.put("price", List.of("too expensive", "expensive", "can't afford", "cannot afford", "no budget",
                "not in the budget", "over budget", "too much", "price is", "pricing is", "cost too"));
        objections.put("competition", List.of("already use", "already have", "happy with", "currently using",
                "switching", "locked into", "under contract"));
        objections.put("timing", List.of("not a priority", "not right now", "next year", "bad time", "too busy",
                "later this year"));
        objections.put("authority", List.of("need to check with", "need approval", "not my decision",
                "run it by", "sign off", "sign-off"));
        objections.put("risk", List.of("concern", "worried", "not sure", "risk", "skeptical", "sceptical", "doubt",
                "security review"));
        objections.put("complexity", List.of("too complicated", "too complex", "too long", "steep learning",
                "hard to use"));
        objections.put("integration", List.of("doesn't integrate", "does not integrate", "won't work with",
                "not compatible", "no integration"));
        objections.put("product", List.of("issue", "problem", "bug", "broken", "doesn't work", "does not work",
                "missing feature", "slow"));
        topics.put("pricing", List.of("price", "pricing", "cost", "budget", "expensive", "discount", "per seat",
                "license", "$"));
        topics.put("integration", List.of("integrat", "api", "salesforce", "hubspot", "netsuite", "connector", "sync"));
        topics.put("security", List.of("security", "soc 2", "gdpr", "compliance", "sso", "encryption", "hipaa"));
        topics.put("timeline", List.of("timeline", "quarter", "deadline", "by when", "go-live", "go live", "launch"));
        topics.put("competition", List.of("competitor", "already use", "currently using", "switch", "alternative"));
        topics.put("implementation", List.of("implement", "onboarding", "setup", "set up", "rollout", "migration",
                "training"));
        topics.put("support", List.of("support", "help desk", "response time", "sla", "customer success"));
        topics.put("contract", List.of("contract", "term", "renewal", "legal", "procurement", "order form"));
        topics.put("reporting", List.of("report", "dashboard", "forecast", "analytics", "visibility"));
        OBJECTIONS = java.util.Collections.unmodifiableMap(objections);
        TOPICS = java.util.Collections.unmodifiableMap(topics);
    }

    @Override
    public ConversationAnalysis analyze(Transcript transcript) {
        Map<String, int[]> polarity = new LinkedHashMap<>(); // speaker -> {pos, neg}
        Map<String, Integer> words = new LinkedHashMap<>();
        Map<String, Integer> topicCounts = new LinkedHashMap<>();
        List<ConversationAnalysis.Objection> objections = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<ConversationAnalysis.Question> questions = new ArrayList<>();
        int pos = 0;
        int neg = 0;
        for (Transcript.Utterance u : transcript.utterances()) {
            int[] p = polarity.computeIfAbsent(u.speaker(), k -> new int[2]);
            words.merge(u.speaker(), countWords(u.text()), Integer::sum);
            for (String sentence : SENTENCE.split(u.text().strip())) {
                String s = sentence.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String l = s.toLowerCase(Locale.ROOT);
                int sp = count(l, POSITIVE);
                int sn = count(l, NEGATIVE);
                p[0] += sp;
                p[1] += sn;
                pos += sp;
                neg += sn;
                TOPICS.forEach((topic, keys) -> {
                    int n = countTopic(l, keys);
                    if (n > 0) {
                        topicCounts.merge(topic, n, Integer::sum);
                    }
                });
                String category = objectionCategory(l);
                if (category != null && !s.endsWith("?")) {
                    objections.add(new ConversationAnalysis.Objection(u.speaker(), s, category));
                }
                if (ACTIONS.stream().anyMatch(a -> Texts.containsWord(l, a))) {
                    actions.add(u.speaker() + ": " + s);
                }
                if (s.endsWith("?")) {
                    questions.add(new ConversationAnalysis.Question(u.speaker(), s));
                }
            }
        }
        Map<String, ConversationAnalysis.Sentiment> bySpeaker = new LinkedHashMap<>();
        polarity.forEach((speaker, p) -> bySpeaker.put(speaker, ConversationAnalysis.Sentiment.of(score(p[0], p[1]))));
        int total = words.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> talk = new LinkedHashMap<>();
        words.forEach((speaker, n) -> talk.put(speaker, total == 0 ? 0.0 : Math.round(1000.0 * n / total) / 1000.0));
        List<String> topics = topicCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        return new ConversationAnalysis(ConversationAnalysis.Sentiment.of(score(pos, neg)), bySpeaker, topics,
                objections, actions, talk, questions, Method.RULES, null);
    }

    private static String objectionCategory(String lower) {
        for (Map.Entry<String, List<String>> e : OBJECTIONS.entrySet()) {
            for (String phrase : e.getValue()) {
                if (Texts.containsWord(lower, phrase)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** Sentiment phrases match as whole words. */
    private static int count(String lower, List<String> phrases) {
        int n = 0;
        for (String p : phrases) {
            if (Texts.containsWord(lower, p)) {
                n++;
            }
        }
        return n;
    }

    /** Topic keywords match at the start of a word, so "dashboard" also finds "dashboards"; "$" anywhere. */
    private static int countTopic(String lower, List<String> keywords) {
        int n = 0;
        for (String k : keywords) {
            int i = lower.indexOf(k);
            while (i >= 0) {
                if (k.equals("$") || i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
                    n++;
                    break;
                }
                i = lower.indexOf(k, i + 1);
            }
        }
        return n;
    }

    static double score(int pos, int neg) {
        return pos + neg == 0 ? 0.0 : Math.round(1000.0 * (pos - neg) / (pos + neg)) / 1000.0;
    }

    private static int countWords(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
