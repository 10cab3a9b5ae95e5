package dev.salesagent.agents.sales.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.salesagent.agents.sales.Method;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a conversation says.
 *
 * @param overallSentiment sentiment of the whole conversation
 * @param speakerSentiment sentiment per speaker, in order of first appearance
 * @param topics           topics discussed, most discussed first
 * @param objections       objections raised, each with the quoted line
 * @param nextActions      agreed or promised next actions
 * @param talkTime         share of words spoken per speaker, 0-1, summing to 1
 * @param questions        questions asked, by speaker
 * @param method           rules or model
 * @param model            model name when {@code method} is model, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationAnalysis(Sentiment overallSentiment, Map<String, Sentiment> speakerSentiment,
                                   List<String> topics, List<Objection> objections, List<String> nextActions,
                                   Map<String, Double> talkTime, List<Question> questions, Method method,
                                   String model) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param overallSentiment sentiment of the whole conversation
     * @param speakerSentiment sentiment per speaker, in order of first appearance
     * @param topics topics discussed, most discussed first
     * @param objections objections raised, each with the quoted line
     * @param nextActions agreed or promised next actions
     * @param talkTime share of words spoken per speaker, 0-1, summing to 1
     * @param questions questions asked, by speaker
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     */
    public ConversationAnalysis {
        Objects.requireNonNull(overallSentiment, "overallSentiment");
        Objects.requireNonNull(method, "method");
        speakerSentiment = Map.copyOf(speakerSentiment);
        topics = List.copyOf(topics);
        objections = List.copyOf(objections);
        nextActions = List.copyOf(nextActions);
        talkTime = Map.copyOf(talkTime);
        questions = List.copyOf(questions);
    }

    /**
     * A sentiment.
     *
     * @param label positive, neutral or negative
     * @param score -1 (negative) to 1 (positive)
     */
    public record Sentiment(Label label, double score) {
        /**
         * Canonical constructor; the components are as described on the record.
         *
         * @param label positive, neutral or negative
         * @param score -1 (negative) to 1 (positive)
         */
        public Sentiment {
            Objects.requireNonNull(label, "label");
            if (score < -1 || score > 1) {
                throw new IllegalArgumentException("score must be -1..1 but was " + score);
            }
        }

        /**
         * {@return the label of a score: above 0.2 positive, below -0.2 negative, else neutral}
         *
         * @param score the sentiment score, -1 (negative) to 1 (positive)
         */
        public static Sentiment of(double score) {
            return new Sentiment(score > 0.2 ? Label.POSITIVE : score < -0.2 ? Label.NEGATIVE : Label.NEUTRAL, score);
        }

        /** Serialized lower case. */
        public enum Label {
            /** Score above 0.2. */
            POSITIVE,
            /** Score from -0.2 to 0.2. */
            NEUTRAL,
            /** Score below -0.2. */
            NEGATIVE;

            /** {@return the lower-case name used in JSON} */
            @JsonValue
            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /**
     * An objection.
     *
     * @param speaker  who raised it
     * @param quote    the sentence as spoken (verbatim from the transcript)
     * @param category price, competition, timing, authority, risk, complexity, integration or product
     */
    public record Objection(String speaker, String quote, String category) {
    }

    /** A question asked, verbatim. */
    public record Question(String speaker, String text) {
    }
}
