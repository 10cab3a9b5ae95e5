package dev.salesagent.agents.sales.conversation;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.internal.PromptData;
import dev.salesagent.agents.sales.internal.StructuredChat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.salesagent.agents.sales.internal.Schemas.array;
import static dev.salesagent.agents.sales.internal.Schemas.enumOf;
import static dev.salesagent.agents.sales.internal.Schemas.integer;
import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;
import static dev.salesagent.agents.sales.internal.Schemas.strings;

/**
 * Conversation analysis by a chat model (feature {@code conversation_analysis}, prompt
 * {@code internal/prompts/conversation_analysis.system.txt}). Sentiment scores are integers -100..100 in the answer and
 * scaled to -1..1; speakers must be the transcript's; quotes must occur verbatim; talk time is counted here.
 */
final class ModelConversationAnalyzer implements ConversationAnalyzer {

    static final JsonObjectSchema SCHEMA = object(
            "overallSentiment", integer("-100 (very negative) to 100 (very positive)"),
            "speakerSentiment", array(object("speaker", string("speaker label as in the transcript"),
                    "sentiment", integer("-100 to 100")), "one per speaker"),
            "topics", strings("topics discussed, most discussed first"),
            "objections", array(object("speaker", string("speaker label"),
                    "quote", string("the sentence exactly as in the transcript"),
                    "category", enumOf(List.of("price", "competition", "timing", "authority", "risk", "complexity",
                            "integration", "product"), "category")), "objections raised"),
            "nextActions", strings("agreed or promised next actions"),
            "questions", array(object("speaker", string("speaker label"),
                    "text", string("the question exactly as asked")), "questions asked"));

    record Answer(Integer overallSentiment, List<SpeakerScore> speakerSentiment, List<String> topics,
                  List<ConversationAnalysis.Objection> objections, List<String> nextActions,
                  List<ConversationAnalysis.Question> questions) {
    }

    record SpeakerScore(String speaker, Integer sentiment) {
    }

    private final StructuredChat chat;

    ModelConversationAnalyzer(StructuredChat chat) {
        this.chat = chat;
    }

    @Override
    public ConversationAnalysis analyze(Transcript transcript) {
        StructuredChat.Answer<Answer> a = chat.ask(Features.CONVERSATION_ANALYSIS, "conversation_analysis",
                "Analyze this conversation.", PromptData.conversation(transcript), "conversation_analysis", SCHEMA, Answer.class,
                ans -> validate(ans, transcript));
        Answer v = a.value();
        Map<String, ConversationAnalysis.Sentiment> bySpeaker = new LinkedHashMap<>();
        for (SpeakerScore s : v.speakerSentiment()) {
            bySpeaker.put(s.speaker(), ConversationAnalysis.Sentiment.of(s.sentiment() / 100.0));
        }
        ConversationAnalysis rulesCounts = new RulesConversationAnalyzer().analyze(transcript);
        return new ConversationAnalysis(ConversationAnalysis.Sentiment.of(v.overallSentiment() / 100.0), bySpeaker,
                v.topics(), v.objections(), v.nextActions(), rulesCounts.talkTime(), v.questions(), Method.MODEL,
                a.model());
    }

    static List<String> validate(Answer a, Transcript t) {
        List<String> problems = new ArrayList<>();
        Set<String> speakers = Set.copyOf(t.speakers());
        if (a.overallSentiment() == null || a.overallSentiment() < -100 || a.overallSentiment() > 100) {
            problems.add("overallSentiment must be -100..100 but was " + a.overallSentiment());
        }
        if (a.speakerSentiment() == null) {
            problems.add("speakerSentiment is missing");
        } else {
            for (SpeakerScore s : a.speakerSentiment()) {
                if (s == null || !speakers.contains(s.speaker())) {
                    problems.add("speakerSentiment names unknown speaker " + (s == null ? null : s.speaker()));
                } else if (s.sentiment() == null || s.sentiment() < -100 || s.sentiment() > 100) {
                    problems.add("sentiment of " + s.speaker() + " must be -100..100 but was " + s.sentiment());
                }
            }
        }
        if (a.topics() == null) problems.add("topics is missing");
        if (a.nextActions() == null) problems.add("nextActions is missing");
        if (a.objections() == null) {
            problems.add("objections is missing");
        } else {
            for (ConversationAnalysis.Objection o : a.objections()) {
                if (o == null || o.quote() == null || !saidBy(t, o.speaker(), o.quote())) {
                    problems.add("objection quote '" + (o == null ? null : o.quote()) + "' is not a verbatim line of "
                            + (o == null ? null : o.speaker()));
                }
            }
        }
        if (a.questions() == null) {
            problems.add("questions is missing");
        } else {
            for (ConversationAnalysis.Question q : a.questions()) {
                if (q == null || q.text() == null || !saidBy(t, q.speaker(), q.text())) {
                    problems.add("question '" + (q == null ? null : q.text()) + "' is not verbatim from "
                            + (q == null ? null : q.speaker()));
                }
            }
        }
        return problems;
    }

    private static boolean saidBy(Transcript t, String speaker, String text) {
        String needle = text.strip();
        return !needle.isEmpty() && t.utterances().stream()
                .anyMatch(u -> u.speaker().equals(speaker) && u.text().contains(needle));
    }
}
