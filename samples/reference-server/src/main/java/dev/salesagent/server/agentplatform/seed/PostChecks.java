package dev.salesagent.server.agentplatform.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marketing assistant's rules for a post: length, banned claims (absolute promises a marketer must not make
 * without proof) and tone (counted tone words give the rules' sentiment).
 */
public final class PostChecks {

    /** Shortest post, in characters. */
    public static final int MIN_LENGTH = 40;
    /** Longest post, in characters (a post people read in a channel, far below Slack's 40,000 limit). */
    public static final int MAX_LENGTH = 1200;

    /** Absolute claims; each is reported as the text it matched. */
    static final List<Pattern> BANNED_CLAIMS = List.of(
            Pattern.compile("\\bguarantee(?:d|s)?\\b"),
            Pattern.compile("\\b100\\s?%"),
            Pattern.compile("\\brisk[- ]free\\b"),
            Pattern.compile("\\bzero risk\\b"),
            Pattern.compile("\\bnever fails?\\b"),
            Pattern.compile("\\bbest in the world\\b"),
            Pattern.compile("(?:^|\\s)#1\\b"),
            Pattern.compile("\\bno\\. ?1\\b"),
            Pattern.compile("\\bcures?\\b"));

    static final List<String> NEGATIVE = List.of("hate", "stupid", "terrible", "awful", "worst", "scam", "useless",
            "idiot", "disaster", "pathetic");
    static final List<String> POSITIVE = List.of("great", "helpful", "excited", "improve", "improves", "save", "saves",
            "faster", "easier", "learn", "learned", "welcome", "thanks", "glad");

    private PostChecks() {
    }

    /**
     * The outcome of the checks.
     *
     * @param passed          whether the post may be published: length in range, no banned claim, tone not negative
     * @param problems        why not, one sentence each; empty when passed
     * @param bannedClaims    the banned claims found, as written in the post
     * @param length          the post's length in characters
     * @param sentiment       {@code positive}, {@code neutral} or {@code negative}
     * @param sentimentMethod {@code rules} or {@code model}: who judged the sentiment
     * @param model           the model that judged the sentiment, or null
     */
    public record Result(boolean passed, List<String> problems, List<String> bannedClaims, int length,
                         String sentiment, String sentimentMethod, String model) {
    }

    /** {@return the rules' sentiment of a text: more positive than negative tone words is positive, and so on} */
    static String sentiment(String text) {
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+"));
        long negative = words.stream().filter(NEGATIVE::contains).count();
        long positive = words.stream().filter(POSITIVE::contains).count();
        return negative > positive ? "negative" : positive > negative ? "positive" : "neutral";
    }

    /**
     * Checks a post.
     *
     * @param post  the post text
     * @param model the model that judges the sentiment when configured (its answer must be one of the three labels,
     *              else the rules judge)
     * @return the result
     */
    public static Result check(String post, SeedModel model) {
        String text = post == null ? "" : post.strip();
        List<String> problems = new ArrayList<>();
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            problems.add("length " + text.length() + " characters is outside " + MIN_LENGTH + "-" + MAX_LENGTH);
        }
        List<String> claims = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (Pattern p : BANNED_CLAIMS) {
            Matcher m = p.matcher(lower);
            while (m.find()) {
                claims.add(text.substring(m.start(), m.end()).strip());
            }
        }
        if (!claims.isEmpty()) {
            problems.add("banned claims: " + String.join(", ", claims));
        }
        String sentiment = sentiment(text);
        String method = SeedModel.RULES;
        String modelName = null;
        var answer = model.ask("You judge the tone of a company's Slack post. Answer with exactly one word: positive,"
                + " neutral or negative.", text);
        if (answer.isPresent()) {
            String label = answer.get().text().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (List.of("positive", "neutral", "negative").contains(label)) {
                sentiment = label;
                method = SeedModel.MODEL;
                modelName = answer.get().model();
            }
        }
        if ("negative".equals(sentiment)) {
            problems.add("tone is negative");
        }
        return new Result(problems.isEmpty(), List.copyOf(problems), List.copyOf(claims), text.length(), sentiment,
                method, modelName);
    }
}
