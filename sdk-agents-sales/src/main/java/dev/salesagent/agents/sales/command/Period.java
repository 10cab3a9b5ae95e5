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

    /**
     * Checks the range.
     *
     * @param start first day, inclusive, not null
     * @param end   last day, inclusive, not null and not before {@code start}
     * @throws NullPointerException     if either day is null
     * @throws IllegalArgumentException if {@code end} is before {@code start}
     */
    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period end " + end + " is before start " + start);
        }
    }

    /**
     * The period from {@code start} to {@code end}, inclusive.
     *
     * @param start first day, inclusive, not null
     * @param end   last day, inclusive, not null and not before {@code start} (equal for a single day)
     * @return the period
     * @throws NullPointerException     if either day is null
     * @throws IllegalArgumentException if {@code end} is before {@code start}
     */
    public static Period of(LocalDate start, LocalDate end) {
        return new Period(start, end);
    }

    /**
     * Whether a day falls in the period.
     *
     * @param day a calendar day, or null
     * @return true if {@code day} is within the period, both ends included; false for null
     */
    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    /** {@return the number of days, both ends counted (1 for a single day)} */
    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /**
     * The comparable period just before this one: the previous calendar month, quarter or year when this period is
     * exactly one, otherwise the same number of days ending the day before {@code start}. Used for
     * period-over-period comparisons (e.g. 2017-10-01..2017-12-31 gives 2017-07-01..2017-09-30; 2017-12-10..2017-12-19
     * gives 2017-11-30..2017-12-09).
     *
     * @return the previous period, ending the day before {@code start}
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
