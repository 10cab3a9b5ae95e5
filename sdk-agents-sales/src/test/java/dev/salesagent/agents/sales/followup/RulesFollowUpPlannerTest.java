package dev.salesagent.agents.sales.followup;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesFollowUpPlannerTest {

    private final FollowUpPlanner planner = FollowUpPlanner.rules();
    private final Lead lead = Lead.builder().email("a@b.com").build().normalized();
    private final LocalDate friday = LocalDate.of(2026, 3, 6);

    private static LeadScore graded(Grade g) {
        return new LeadScore(new BantScores(50, 50, 50, 50), 50, g, List.of(), Method.RULES, null);
    }

    @Test
    void hotLeadsGetADatedSequenceThatSkipsWeekends() {
        FollowUpPlan plan = planner.plan(lead, graded(Grade.A), friday);

        assertThat(plan.kind()).isEqualTo(FollowUpPlan.Kind.SEQUENCE);
        assertThat(plan.touches()).extracting(FollowUpPlan.Touch::day).containsExactly(0, 2, 4, 7, 14);
        assertThat(plan.touches()).extracting(FollowUpPlan.Touch::channel)
                .containsExactly(Channel.EMAIL, Channel.LINKEDIN, Channel.PHONE, Channel.EMAIL, Channel.PHONE);
        // day 2 is a Sunday -> Monday the 9th
        assertThat(plan.touches().get(1).date()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(plan.touches()).allSatisfy(t -> assertThat(t.date().getDayOfWeek())
                .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    @Test
    void gradeBIsAShorterSequenceAndWarmLeadsAreNurtured() {
        assertThat(planner.plan(lead, graded(Grade.B), friday).touches()).hasSize(4);
        FollowUpPlan nurture = planner.plan(lead, graded(Grade.C), friday);
        assertThat(nurture.kind()).isEqualTo(FollowUpPlan.Kind.NURTURE);
        assertThat(nurture.touches()).extracting(FollowUpPlan.Touch::day).containsExactly(0, 14, 30, 60);
    }

    @Test
    void coldLeadsGetNoTouches() {
        FollowUpPlan plan = planner.plan(lead, graded(Grade.D), friday);
        assertThat(plan.kind()).isEqualTo(FollowUpPlan.Kind.NONE);
        assertThat(plan.touches()).isEmpty();
    }
}
