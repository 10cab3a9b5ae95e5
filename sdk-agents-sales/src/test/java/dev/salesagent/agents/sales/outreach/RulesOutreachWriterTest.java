package dev.salesagent.agents.sales.outreach;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.Firmographics;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RulesOutreachWriterTest {

    private final OutreachWriter writer = OutreachWriter.rules(SellerProfile.defaults());

    private final Lead lead = Lead.builder().company("Globex").email("dana@globex.com").firstName("Dana")
            .title("VP Sales").employees(800L).industry("Software")
            .notes("Reps copy leads into spreadsheets; forecast is unreliable").build().normalized();

    private final LeadResearch research = new LeadResearch(List.of(
            ResearchFact.of(ResearchFact.Source.CRM, "Globex has 1 open opportunity worth 40,000 USD"),
            ResearchFact.of(ResearchFact.Source.LEAD, "Globex works in Software"),
            ResearchFact.of(ResearchFact.Source.ENRICHMENT, "Globex uses HubSpot and Zendesk")),
            new Firmographics("globex.com", "Globex", "Software", 800L, new BigDecimal("90000000"), "US",
                    List.of("HubSpot", "Zendesk"), null, "enrichment"), null, List.of());

    private final LeadScore score = new LeadScore(new BantScores(65, 95, 84, 30), 69, Grade.B, List.of(), Method.RULES, null);

    @Test
    void citesResearchFactsAndTheLeadsRole() {
        OutreachDraft draft = writer.draft(lead, research, score);

        assertThat(draft.factsUsed()).isNotEmpty();
        assertThat(draft.factsUsed().get(0).source()).isEqualTo(ResearchFact.Source.ENRICHMENT);
        for (ResearchFact f : draft.factsUsed()) {
            assertThat(draft.body()).contains(f.text());
        }
        assertThat(draft.body()).startsWith("Hi Dana,").contains("As a VP Sales at Globex");
        assertThat(draft.body()).contains("You mentioned forecast and spreadsheet");
        assertThat(draft.body()).contains("in the next two weeks"); // grade B call to action
        assertThat(draft.method()).isEqualTo(Method.RULES);
    }

    @Test
    void neverCitesInternalCrmFactsOrQuotesNotes() {
        OutreachDraft draft = writer.draft(lead, research, score);

        assertThat(draft.body()).doesNotContain("open opportunity").doesNotContain("copy leads");
        assertThat(draft.factsUsed()).noneMatch(f -> f.source() == ResearchFact.Source.CRM);
    }

    @Test
    void inventsNoNumbers() {
        Lead big = lead.toBuilder().employees(12_345L).notes(null).build();
        LeadResearch facts = new LeadResearch(List.of(ResearchFact.of(ResearchFact.Source.LEAD,
                "Globex has 12,345 employees")), null, null, List.of());

        OutreachDraft draft = writer.draft(big, facts, score);

        Matcher m = Pattern.compile("\\d[\\d,]*").matcher(draft.subject() + "\n" + draft.body());
        while (m.find()) {
            String number = m.group();
            // every number in the draft comes from a fact, or is the fixed "20-minute" call length of the template
            assertThat(facts.facts().stream().anyMatch(f -> f.text().contains(number)) || number.equals("20"))
                    .as("number %s has a source", number).isTrue();
        }
    }

    @Test
    void withoutTitleOrFactsStaysGeneric() {
        Lead bare = Lead.builder().company("Initech").domain("initech.com").build().normalized();

        OutreachDraft draft = writer.draft(bare, LeadResearch.none(), null);

        assertThat(draft.body()).startsWith("Hi there,").contains("team at Initech").doesNotContain("I noticed");
        assertThat(draft.factsUsed()).isEmpty();
    }
}
