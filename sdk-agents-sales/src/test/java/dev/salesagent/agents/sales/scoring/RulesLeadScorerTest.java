package dev.salesagent.agents.sales.scoring;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.CrmSnapshot;
import dev.salesagent.agents.sales.research.Firmographics;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.core.context.AiContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesLeadScorerTest {

    private final LeadScorer scorer = LeadScorer.rules();

    /** Expected values follow the signal table documented on RulesLeadScorer with the default profile. */
    @ParameterizedTest(name = "{0} -> {6} ({5})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // title                  | employees | industry    | notes                                                                          | bant (b/a/n/t) | overall | grade
            "Chief Revenue Officer    | 1200      | Software    | Forecasting is done in spreadsheets; budget approved, want to go live this quarter | 80/100/84/80 | 86 | A",
            "VP Sales                 | 600       | Fintech     | Manual CRM data entry slows the team; evaluating tools                         | 65/95/96/80    | 85      | A",
            "Director of IT           | 300       | Health Care | -                                                                              | 65/70/60/30    | 58      | B",
            "Marketing Manager        | 120       | Retail      | -                                                                              | 50/60/60/30    | 52      | C",
            "-                        | -         | -           | -                                                                              | 25/15/30/30    | 25      | D",
            "Intern                   | 5         | Mining      | just browsing, maybe next year                                                 | 15/10/10/10    | 11      | D"})
    void scoresATableOfLeads(String title, Long employees, String industry, String notes, String bant, int overall,
                             Grade grade) {
        Lead lead = Lead.builder().company("Example Co").email("pat@example.com").title(title).employees(employees)
                .industry(industry).notes(notes).build().normalized();

        LeadScore score = scorer.score(lead, LeadResearch.none());

        BantScores b = score.breakdown();
        assertThat(b.budget() + "/" + b.authority() + "/" + b.need() + "/" + b.timeline()).isEqualTo(bant);
        assertThat(score.overall()).isEqualTo(overall);
        assertThat(score.grade()).isEqualTo(grade);
        assertThat(score.method()).isEqualTo(Method.RULES);
        assertThat(score.model()).isNull();
        assertThat(score.reasons()).hasSize(4);
    }

    @Test
    void reasonsCiteTheFactsUsed() {
        Lead lead = Lead.builder().email("cro@acme.com").title("Chief Revenue Officer").employees(1200L)
                .industry("Software").notes("Forecasting is done in spreadsheets; budget approved this quarter")
                .build().normalized();

        List<String> reasons = scorer.score(lead, LeadResearch.none()).reasons();

        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("authority 100:")
                .contains("title 'Chief Revenue Officer' is C-level/owner in revenue"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("budget 80:").contains("1,200 employees (lead)"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("need 84:")
                .contains("industry 'Software' fits").contains("'forecast', 'spreadsheet'"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("timeline 80:")
                .contains("'budget approved'").contains("'this quarter'"));
    }

    @Test
    void usesEnrichmentWhenTheLeadLacksFirmographics() {
        Lead lead = Lead.builder().email("ops@bigco.com").title("Sales Operations Analyst").build().normalized();
        Firmographics f = new Firmographics("bigco.com", "BigCo", "Industrials", 20_000L,
                new BigDecimal("2500000000"), "US", List.of(), null, "clearbit");
        LeadResearch research = new LeadResearch(List.of(), f, null, List.of());

        LeadScore score = scorer.score(lead, research);

        assertThat(score.breakdown().budget()).isEqualTo(100); // 90 for >= 5,000 employees + 10 for >= 1B revenue
        assertThat(score.reasons()).anySatisfy(r -> assertThat(r).contains("20,000 employees (clearbit)")
                .contains("annual revenue 2.5B USD (clearbit)"));
        assertThat(score.reasons()).anySatisfy(r -> assertThat(r).startsWith("need 10:")
                .contains("'Industrials' is outside").contains("20,000 employees outside the ideal 50-10,000"));
    }

    @Test
    void recentCrmActivityAndOpenOpportunitiesRaiseTheTimeline() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        LeadScorer withClock = LeadScorer.rules(t -> IdealCustomerProfile.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        Lead lead = Lead.builder().email("a@b.com").build().normalized();
        CrmSnapshot recent = new CrmSnapshot("memory", "acc-1", null, 1, new BigDecimal("50000"),
                now.minusSeconds(86400 * 5));
        CrmSnapshot stale = new CrmSnapshot("memory", "acc-1", null, 0, BigDecimal.ZERO,
                now.minusSeconds(86400 * 90));

        LeadScore hot = withClock.score(lead, new LeadResearch(List.of(), null, recent, List.of()));
        LeadScore cold = withClock.score(lead, new LeadResearch(List.of(), null, stale, List.of()));

        assertThat(hot.breakdown().timeline()).isEqualTo(30 + 15 + 10);
        assertThat(hot.reasons()).anySatisfy(r -> assertThat(r).contains("CRM activity on 2026-03-05")
                .contains("1 open opportunity in the CRM"));
        assertThat(cold.breakdown().timeline()).isEqualTo(30);
    }

    @Test
    void theTenantsProfileDecides() {
        IdealCustomerProfile mining = IdealCustomerProfile.builder().industries(List.of("mining", "metals"))
                .employees(1, 100).painKeywords(List.of("downtime")).build();
        LeadScorer perTenant = LeadScorer.rules(Map.of("digger", mining), IdealCustomerProfile.defaults());
        Lead lead = Lead.builder().email("boss@quarry.com").title("Owner").employees(40L).industry("Mining")
                .notes("Unplanned downtime is killing us").build().normalized();

        LeadScore forDefault = AiContext.empty().call(() -> perTenant.score(lead, LeadResearch.none()));
        LeadScore forDigger = AiContext.builder().tenant("digger").build()
                .call(() -> perTenant.score(lead, LeadResearch.none()));

        assertThat(forDefault.breakdown().need()).isEqualTo(10); // mining outside, 40 employees outside 50-10,000
        assertThat(forDigger.breakdown().need()).isEqualTo(45 + 15 + 12);
        assertThat(forDigger.overall()).isGreaterThan(forDefault.overall());
    }

    @Test
    void profileValidationShowsTheBadValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdealCustomerProfile.builder().gradeCutoffs(50, 60, 10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50/60/10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdealCustomerProfile.builder().weights(-1, 1, 1, 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
    }
}
