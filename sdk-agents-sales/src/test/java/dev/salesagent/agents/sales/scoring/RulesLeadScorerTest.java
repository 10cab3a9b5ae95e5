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

    /** Expected values follow the fact table documented on RulesLeadScorer with the default profile. */
    @ParameterizedTest(name = "{0} -> {6} ({5})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // title                  | employees | industry    | notes                                                                          | bant (b/a/n/t) | overall | grade
            "Chief Revenue Officer    | 1200      | Software    | Forecasting is done in spreadsheets; budget approved, want to go live this quarter | 80/100/96/80 | 90 | A",
            "VP Sales                 | 600       | Fintech     | Manual CRM data entry slows the team; evaluating tools                         | 65/95/100/80   | 86      | A",
            // no notes: pains and timing unknown, each neutral 50 at half weight
            "Director of IT           | 300       | Health Care | -                                                                              | 65/70/91/50    | 73      | B",
            "Marketing Manager        | 120       | Retail      | -                                                                              | 50/60/91/50    | 65      | B",
            // n/a states no industry: unknown, not outside the profile
            "Statistician I           | 2000      | n/a         | -                                                                              | 80/30/67/50    | 57      | B",
            // nothing known: every fact neutral
            "-                        | -         | -           | -                                                                              | 50/50/50/50    | 50      | C",
            "Intern                   | 5         | Mining      | just browsing, maybe next year                                                 | 15/10/9/10     | 11      | D"})
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
        assertThat(score.reasons()).hasSize(5);
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
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("need 96:")
                .contains("industry 'Software' fits the ideal customer profile (software)")
                .contains("'forecast', 'spreadsheet'"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("timeline 80:")
                .contains("'budget approved'").contains("'this quarter'"));
        assertThat(reasons.get(4)).isEqualTo("confidence 100%: every fact known");
    }

    @Test
    void unknownFactsAreNamedAndCountNeitherForNorAgainstTheLead() {
        Lead known = Lead.builder().email("a@acme.com").title("VP Sales").employees(1200L).industry("Software")
                .build().normalized();
        Lead noSize = Lead.builder().email("a@acme.com").title("VP Sales").industry("Software").build().normalized();
        Lead tiny = Lead.builder().email("a@acme.com").title("VP Sales").employees(5L).industry("Software")
                .build().normalized();

        LeadScore withSize = scorer.score(known, LeadResearch.none());
        LeadScore unknownSize = scorer.score(noSize, LeadResearch.none());
        LeadScore badSize = scorer.score(tiny, LeadResearch.none());

        // an unknown employee count scores between a good one and a bad one, not like the bad one
        assertThat(unknownSize.overall()).isLessThan(withSize.overall()).isGreaterThan(badSize.overall());
        assertThat(unknownSize.breakdown().budget()).isEqualTo(50);
        assertThat(unknownSize.reasons()).anySatisfy(r -> assertThat(r).startsWith("budget 50: employee count unknown"));
        assertThat(unknownSize.reasons().get(4)).startsWith("confidence 40%: unknown employee count, company size fit,"
                + " pains, timing");
        assertThat(withSize.reasons().get(4)).startsWith("confidence 71%: unknown pains, timing");
        // a VP of Sales in a target industry is A even when the file states nothing else
        assertThat(unknownSize.grade()).isEqualTo(Grade.A);
    }

    @Test
    void noSingleFactLiftsALeadToANorSinksItBelowTwentyFive() {
        Lead ceoOnly = Lead.builder().email("a@acme.com").title("CEO").build().normalized();
        Lead internOnly = Lead.builder().email("a@acme.com").title("Intern").build().normalized();
        Lead nothing = Lead.builder().email("a@acme.com").build().normalized();

        assertThat(scorer.score(ceoOnly, LeadResearch.none()).grade()).isEqualTo(Grade.B);
        assertThat(scorer.score(internOnly, LeadResearch.none()).overall()).isGreaterThanOrEqualTo(25);
        LeadScore none = scorer.score(nothing, LeadResearch.none());
        assertThat(none.overall()).isEqualTo(50);
        assertThat(none.grade()).isEqualTo(Grade.C);
        assertThat(none.reasons().get(4)).isEqualTo("confidence 0%: unknown title, employee count, industry, company"
                + " size fit, pains, timing (each counted as neutral 50 at half weight)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Chief Revenue Officer | 100", "CEO | 100", "Co-Founder & CEO | 100", "Owner | 100", "President | 100",
            "Managing Partner | 100", "Chief Design Engineer | 50", "Vice President of Sales | 95", "V.P. Sales | 95",
            "SVP, Global Sales | 95", "EVP Operations | 95", "Head of Marketing | 95", "VP Product Management | 85",
            "Director of Finance | 70", "Sr. Director, Revenue Operations | 80", "Assistant Manager | 50",
            "Team Lead, Support | 50", "Partner Manager | 50", "Statistician I | 30", "Software Engineer IV | 30",
            "Senior Editor | 30", "Product Owner | 30", "SDR | 40", "RevOps Analyst | 40", "Marketing Assistant | 20",
            "Executive Assistant to the CEO | 10", "Intern, Sales | 20", "Junior Executive | 10",
            "Research Assistant III | 10"})
    void seniorityAndFunctionFromTitles(String title, int authority) {
        Lead lead = Lead.builder().email("a@acme.com").title(title).build().normalized();

        assertThat(scorer.score(lead, LeadResearch.none()).breakdown().authority()).isEqualTo(authority);
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
        // industry outside (0, weight 0.5), 20,000 employees within 50 or more (100, 0.2), no notes (pains unknown)
        assertThat(score.reasons()).anySatisfy(r -> assertThat(r).startsWith("need 32:")
                .contains("'Industrials' is outside").contains("20,000 employees within the ideal 50 or more"));
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

        assertThat(hot.breakdown().timeline()).isEqualTo(50 + 15 + 10);
        assertThat(hot.reasons()).anySatisfy(r -> assertThat(r).contains("CRM activity on 2026-03-05")
                .contains("1 open opportunity in the CRM"));
        assertThat(cold.breakdown().timeline()).isEqualTo(50);
        assertThat(cold.reasons().get(4)).contains("timing");
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

        // default: mining outside (0), 40 employees outside 50 or more (0), 'downtime' is no default pain keyword (30)
        assertThat(forDefault.breakdown().need()).isEqualTo(9);
        // digger: mining fits (100), 40 within 1-100 (100), one pain keyword (70)
        assertThat(forDigger.breakdown().need()).isEqualTo(91);
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
