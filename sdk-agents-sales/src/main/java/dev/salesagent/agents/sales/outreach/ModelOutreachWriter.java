package dev.salesagent.agents.sales.outreach;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Features;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.StructuredChat;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.salesagent.agents.sales.internal.Schemas.array;
import static dev.salesagent.agents.sales.internal.Schemas.integer;
import static dev.salesagent.agents.sales.internal.Schemas.object;
import static dev.salesagent.agents.sales.internal.Schemas.string;

/**
 * Outreach by a chat model (feature {@code outreach}, prompt {@code internal/prompts/outreach.system.txt}). Facts are
 * numbered in the input; the answer must cite at least one by number, and the cited facts are what
 * {@link OutreachDraft#factsUsed()} returns. CRM facts are not offered (they are internal).
 */
final class ModelOutreachWriter implements OutreachWriter {

    static final JsonObjectSchema SCHEMA = object(
            "subject", string("e-mail subject, at most 100 characters"),
            "body", string("plain-text e-mail body"),
            "factsUsed", array(integer("fact number"), "numbers of the facts the body cites"));

    record Answer(String subject, String body, List<Integer> factsUsed) {
    }

    private final StructuredChat chat;
    private final SellerProfile seller;

    ModelOutreachWriter(StructuredChat chat, SellerProfile seller) {
        this.chat = chat;
        this.seller = seller;
    }

    @Override
    public OutreachDraft draft(Lead lead, LeadResearch research, LeadScore score) {
        LeadResearch r = research == null ? LeadResearch.none() : research;
        List<ResearchFact> facts = r.facts().stream().filter(f -> f.source() != ResearchFact.Source.CRM).toList();
        List<Map<String, Object>> numbered = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            numbered.add(Map.of("number", i + 1, "source", facts.get(i).source().id(), "text", facts.get(i).text()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seller", seller);
        data.put("lead", lead);
        data.put("grade", score == null ? null : score.grade());
        data.put("facts", numbered);
        StructuredChat.Answer<Answer> answer = chat.ask(Features.OUTREACH, "outreach",
                "Write the first outreach e-mail to this lead.", data, "outreach_draft", SCHEMA, Answer.class,
                a -> validate(a, facts.size()));
        List<ResearchFact> used = answer.value().factsUsed().stream().distinct().map(n -> facts.get(n - 1)).toList();
        return new OutreachDraft(answer.value().subject().strip(), answer.value().body().strip(), used, Method.MODEL,
                answer.model());
    }

    static List<String> validate(Answer a, int factCount) {
        List<String> problems = new ArrayList<>();
        Schemas.text(problems, "subject", a.subject());
        Schemas.text(problems, "body", a.body());
        if (a.subject() != null && a.subject().length() > 100) {
            problems.add("subject is longer than 100 characters");
        }
        if (factCount > 0) {
            Schemas.nonEmpty(problems, "factsUsed", a.factsUsed());
        }
        if (a.factsUsed() != null) {
            for (Integer n : a.factsUsed()) {
                if (n == null || n < 1 || n > factCount) {
                    problems.add("factsUsed contains " + n + " but facts are numbered 1-" + factCount);
                }
            }
        }
        return problems;
    }
}
