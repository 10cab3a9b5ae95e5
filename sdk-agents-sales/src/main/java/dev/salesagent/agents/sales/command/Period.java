package dev.salesagent.agents.sales.command;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An inclusive range of calendar days; serialized as {@code {"start":"2017-12-01","end":"2017-12-31"}}.
 *
 * @param start first day, inclusive
 * @param end   last day, inclusive, not before {@code start}
 */
public record Period(LocalDate start, LocalDate end) {

    /** @throws IllegalArgumentException if {@code end} is before {@code start} */
    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period end " + end + " is before start " + start);
        }
    }

    /** The period from {@code start} to {@code end}, inclusive. */
    public static Period of(LocalDate start, LocalDate end) {
        return new Period(start, end);
    }

    /** True if {@code day} is within the period (null is not). */
    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    /** Number of days, both ends counted (1 for a single day). */
    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /**
     * The comparable period just before this one: the previous calendar month, quarter or year when this period is
     * exactly one, otherwise the same number of days ending the day before {@code start}.
     */
    public Period previous() {
        if (start.getDayOfMonth() == 1 && end.equals(end.withDayOfMonth(end.lengthOfMonth()))) {
            long months = ChronoUnit.MONTHS.between(start, end.plusDays(1));
            LocalDate s = start.minusMonths(months);
            return new Period(s, start.minusDays(1));
        }
        return new Period(start.minusDays(days()), start.minusDays(1));
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
