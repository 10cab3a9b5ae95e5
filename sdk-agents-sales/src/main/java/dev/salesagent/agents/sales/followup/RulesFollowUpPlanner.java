package dev.salesagent.agents.sales.followup;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Cadences by grade.
 * <pre>
 * A (sequence): day 0 e-mail intro, 2 LinkedIn connect, 4 phone call, 7 e-mail case study, 14 phone last try
 * B (sequence): day 0 e-mail intro, 3 phone call, 7 e-mail value recap, 14 LinkedIn check-in
 * C (nurture):  day 0 e-mail overview, 14 e-mail relevant content, 30 LinkedIn check-in, 60 e-mail re-qualify
 * D (none):     no touches; the CRM note records the decision
 * </pre>
 */
final class RulesFollowUpPlanner implements FollowUpPlanner {

    private record Step(int day, Channel channel, String purpose) {
    }

    private static final List<Step> A = List.of(
            new Step(0, Channel.EMAIL, "send the personalized intro e-mail"),
            new Step(2, Channel.LINKEDIN, "connect and reference the intro e-mail"),
            new Step(4, Channel.PHONE, "call to book a 20-minute discovery call"),
            new Step(7, Channel.EMAIL, "share a short case study from the same industry"),
            new Step(14, Channel.PHONE, "last call attempt before pausing the sequence"));
    private static final List<Step> B = List.of(
            new Step(0, Channel.EMAIL, "send the personalized intro e-mail"),
            new Step(3, Channel.PHONE, "call to qualify budget and timeline"),
            new Step(7, Channel.EMAIL, "recap the value for their role and offer a call"),
            new Step(14, Channel.LINKEDIN, "check in and offer useful content"));
    private static final List<Step> C = List.of(
            new Step(0, Channel.EMAIL, "send a short overview to read when timing is right"),
            new Step(14, Channel.EMAIL, "share content relevant to their industry"),
            new Step(30, Channel.LINKEDIN, "check in on priorities"),
            new Step(60, Channel.EMAIL, "re-qualify timeline and need"));

    @Override
    public FollowUpPlan plan(Lead lead, LeadScore score, LocalDate start) {
        Grade grade = score.grade();
        List<Step> steps = switch (grade) {
            case A -> A;
            case B -> B;
            case C -> C;
            case D -> List.of();
        };
        FollowUpPlan.Kind kind = switch (grade.route()) {
            case HOT -> FollowUpPlan.Kind.SEQUENCE;
            case WARM -> FollowUpPlan.Kind.NURTURE;
            case COLD -> FollowUpPlan.Kind.NONE;
        };
        List<FollowUpPlan.Touch> touches = new ArrayList<>(steps.size());
        for (Step s : steps) {
            touches.add(new FollowUpPlan.Touch(s.day(), businessDay(start.plusDays(s.day())), s.channel(), s.purpose()));
        }
        return new FollowUpPlan(kind, touches, Method.RULES, null);
    }

    /** The date itself on a weekday, else the following Monday. */
    static LocalDate businessDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY) {
            return date.plusDays(2);
        }
        return d == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
    }
}
