package dev.salesagent.agents.sales.internal;

import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.conversation.Transcript;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.proposal.ProposalRequest;
import dev.salesagent.agents.sales.research.ResearchFact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compact data documents the proposal and conversation prompts send (prompt compression): the same facts in
 * fewer tokens. {@link StructuredChat} writes every document as compact JSON without null or empty fields; on top of
 * that:
 * <ul>
 *   <li>conversation: turns as {@code [speaker, text]} pairs instead of {@code {"speaker":..,"text":..}} objects,
 *       every text verbatim (the model quotes objections and questions character for character);</li>
 *   <li>proposal: the buyer's notes without sentences repeated word for word (CRM notes pasted twice, quoted
 *       replies), and only research facts that are not already in the buyer record (facts sourced from the lead
 *       restate its industry, size and country) nor repeats of an earlier fact.</li>
 * </ul>
 * Measured and pinned by {@code PromptTokenBudgetTest}; {@code PromptCompressionTest} checks that every fact the
 * agent needs is still there.
 */
public final class PromptData {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PromptData() {
    }

    /**
     * The conversation document: {@code {"kind": .., "turns": [[speaker, text], ...]}}.
     *
     * @param transcript the conversation
     * @return the document, in turn order
     */
    public static Map<String, Object> conversation(Transcript transcript) {
        List<List<String>> turns = new ArrayList<>(transcript.utterances().size());
        for (Transcript.Utterance u : transcript.utterances()) {
            turns.add(List.of(u.speaker(), u.text()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", transcript.kind());
        data.put("turns", turns);
        return data;
    }

    /**
     * The proposal document: seller, buyer (notes without repeated sentences), the research facts not already in
     * the buyer record, deal size, term and start date.
     *
     * @param seller  who sells
     * @param request the deal
     * @return the document
     */
    public static Map<String, Object> proposal(SellerProfile seller, ProposalRequest request) {
        Lead buyer = request.lead();
        if (buyer.notes() != null) {
            buyer = buyer.toBuilder().notes(withoutRepeatedSentences(buyer.notes())).build();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seller", seller);
        data.put("buyer", buyer);
        data.put("facts", newFacts(request.research().facts()));
        data.put("dealSizeUsd", request.dealSizeUsd());
        data.put("termMonths", request.termMonths());
        data.put("startDate", request.startDate().toString());
        return data;
    }

    /**
     * The texts of facts from sources other than the lead itself, each once (first occurrence, case and spacing
     * ignored), in order.
     *
     * @param facts research facts
     * @return the fact texts to send
     */
    static List<String> newFacts(List<ResearchFact> facts) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (ResearchFact f : facts) {
            if (f.source() != ResearchFact.Source.LEAD && seen.add(key(f.text()))) {
                out.add(f.text());
            }
        }
        return out;
    }

    /**
     * The text without sentences that repeat an earlier one word for word (case and spacing ignored); the first
     * occurrence of each stays, in order, joined by single spaces. Sentences end at {@code .}, {@code !} or
     * {@code ?} followed by white space.
     *
     * @param text free text, e.g. CRM notes
     * @return the text without repeated sentences
     */
    public static String withoutRepeatedSentences(String text) {
        Set<String> seen = new HashSet<>();
        List<String> kept = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            if (!sentence.isBlank() && seen.add(key(sentence))) {
                kept.add(sentence.strip());
            }
        }
        return String.join(" ", kept);
    }

    private static String key(String s) {
        return SPACES.matcher(s.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
