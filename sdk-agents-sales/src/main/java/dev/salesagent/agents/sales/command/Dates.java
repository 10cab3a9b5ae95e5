package dev.salesagent.agents.sales.command;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative and absolute date expressions to a {@link Period}, against an as-of day. Calendar units are whole units
 * ("this month" is the 1st to the last day of the as-of month); "last N days" ends on the as-of day, inclusive;
 * weeks start on Monday; quarters are calendar quarters.
 */
final class Dates {

    /** A resolved period and the text span it came from. */
    record Hit(Period period, int start, int end) {
    }

    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("sixty", 60), Map.entry("ninety", 90));
    private static final String NUM = "(\\d{1,4}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|fourteen|fifteen|twenty|thirty|sixty|ninety)";
    private static final String YEAR = "((?:19|20)\\d{2}|'\\d{2})";
    private static final String ISO = "(\\d{4}-\\d{2}-\\d{2})";

    private static final Pattern ISO_RANGE = Pattern.compile(
            "(?:from|between)?\\s*" + ISO + "\\s*(?:to|through|thru|until|till|and|-|–)\\s*" + ISO);
    private static final Pattern MONTH_RANGE = Pattern.compile("(?:from|between)?\\s*\\b" + MONTH + "(?:\\s+" + YEAR
            + ")?\\s*(?:to|through|thru|until|till|and|-|–)\\s*" + MONTH + "(?:\\s*,?\\s*" + YEAR + ")?\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+"
            + YEAR + "\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR + "\\b");
    private static final Pattern SINCE = Pattern.compile("\\b(?:since|after|from)\\s+(?:" + ISO + "|" + MONTH
            + "(?:\\s+" + YEAR + ")?|" + YEAR + ")\\b");
    private static final Pattern ISO_DAY = Pattern.compile("\\b" + ISO + "\\b");
    private static final Pattern QUARTER = Pattern.compile(
            "\\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter)(?:\\s*(?:of|in)?\\s*(?:fy\\s*)?"
                    + YEAR + ")?\\b");
    private static final Pattern HALF = Pattern.compile(
            "\\b(?:h([12])|(first|second)\\s+half)(?:\\s*(?:of|in)?\\s*" + YEAR + ")?\\b");
    private static final Pattern LAST_N = Pattern.compile(
            "\\b(?:last|past|previous|prior|trailing|over the last|over the past|in the last|in the past)\\s+" + NUM
                    + "\\s+(day|week|month|quarter|year)s?\\b");
    private static final Pattern REL_UNIT = Pattern.compile(
            "\\b(this|current|last|previous|prior|past|next|coming)\\s+(?:calendar\\s+|fiscal\\s+)?"
                    + "(week|month|quarter|year)\\b");
    private static final Pattern TO_DATE = Pattern.compile(
            "\\b(ytd|mtd|qtd|year[- ]to[- ]date|month[- ]to[- ]date|quarter[- ]to[- ]date)\\b");
    private static final Pattern DAY_WORD = Pattern.compile("\\b(today|yesterday|tomorrow)\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + "(?:\\s+(?:of\\s+)?|\\s*,\\s*)" + YEAR
            + "\\b");
    private static final Pattern MONTH_ALONE = Pattern.compile("\\b(?:in|for|during|of|since)\\s+" + MONTH + "\\b|^"
            + MONTH + "\\b|\\b" + MONTH + "\\s+(?:sales|orders|revenue)\\b");
    private static final Pattern YEAR_ALONE = Pattern.compile("(?<![\\w-])(?:fy\\s*)?((?:19|20)\\d{2})(?![\\w-])");

    private Dates() {
    }

    /** The first date expression of lower-case {@code text}, or null. */
    static Hit find(String text, LocalDate asOf) {
        Matcher m = ISO_RANGE.matcher(text);
        if (m.find()) {
            LocalDate a = LocalDate.parse(m.group(1));
            LocalDate b = LocalDate.parse(m.group(2));
            return hit(a.isAfter(b) ? Period.of(b, a) : Period.of(a, b), m);
        }
        m = MONTH_RANGE.matcher(text);
        if (m.find()) {
            int endYear = m.group(4) != null ? year(m.group(4)) : m.group(2) != null ? year(m.group(2))
                    : asOf.getYear();
            int m1 = month(m.group(1));
            int m2 = month(m.group(3));
            int startYear = m.group(2) != null ? year(m.group(2)) : (m1 > m2 ? endYear - 1 : endYear);
            LocalDate s = LocalDate.of(startYear, m1, 1);
            LocalDate e = LocalDate.of(endYear, m2, 1);
            if (!e.isBefore(s)) {
                return hit(Period.of(s, e.with(TemporalAdjusters.lastDayOfMonth())), m);
            }
        }
        m = DAY_MONTH_YEAR.matcher(text);
        if (m.find()) {
            LocalDate d = m.group(1) != null
                    ? safeDate(year(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)))
                    : safeDate(year(m.group(6)), month(m.group(5)), Integer.parseInt(m.group(4)));
            if (d != null) {
                boolean since = text.substring(0, m.start()).matches("(?s).*\\b(from|since|after|starting)\\s*$");
                return hit(since && !d.isAfter(asOf) ? Period.of(d, asOf) : Period.of(d, d), m);
            }
        }
        m = SINCE.matcher(text);
        if (m.find()) {
            LocalDate s;
            if (m.group(1) != null) {
                s = LocalDate.parse(m.group(1));
            } else if (m.group(2) != null) {
                int mo = month(m.group(2));
                int y = m.group(3) != null ? year(m.group(3)) : (mo > asOf.getMonthValue() ? asOf.getYear() - 1
                        : asOf.getYear());
                s = LocalDate.of(y, mo, 1);
            } else {
                s = LocalDate.of(year(m.group(4)), 1, 1);
            }
            if (!s.isAfter(asOf)) {
                return hit(Period.of(s, asOf), m);
            }
        }
        m = QUARTER.matcher(text);
        if (m.find()) {
            int q = m.group(1) != null ? Integer.parseInt(m.group(1)) : ordinal(m.group(2));
            int y;
            if (m.group(3) != null) {
                y = year(m.group(3));
            } else {
                y = asOf.getYear();
                if (LocalDate.of(y, (q - 1) * 3 + 1, 1).isAfter(asOf)) {
                    y--;
                }
            }
            LocalDate s = LocalDate.of(y, (q - 1) * 3 + 1, 1);
            return hit(Period.of(s, s.plusMonths(3).minusDays(1)), m);
        }
        m = HALF.matcher(text);
        if (m.find()) {
            int h = m.group(1) != null ? Integer.parseInt(m.group(1)) : ("first".equals(m.group(2)) ? 1 : 2);
            int y = m.group(3) != null ? year(m.group(3)) : asOf.getYear();
            LocalDate s = LocalDate.of(y, h == 1 ? 1 : 7, 1);
            return hit(Period.of(s, s.plusMonths(6).minusDays(1)), m);
        }
        m = LAST_N.matcher(text);
        if (m.find()) {
            int n = number(m.group(1));
            LocalDate s = switch (m.group(2)) {
                case "day" -> asOf.minusDays(n - 1L);
                case "week" -> asOf.minusWeeks(n).plusDays(1);
                case "month" -> asOf.minusMonths(n).plusDays(1);
                case "quarter" -> asOf.minusMonths(3L * n).plusDays(1);
                default -> asOf.minusYears(n).plusDays(1);
            };
            return hit(Period.of(s, asOf), m);
        }
        m = REL_UNIT.matcher(text);
        if (m.find()) {
            int shift = switch (m.group(1)) {
                case "this", "current" -> 0;
                case "next", "coming" -> 1;
                default -> -1;
            };
            return hit(unit(m.group(2), asOf, shift), m);
        }
        m = TO_DATE.matcher(text);
        if (m.find()) {
            String w = m.group(1);
            String unit = w.startsWith("y") ? "year" : w.startsWith("m") ? "month" : "quarter";
            return hit(Period.of(unit(unit, asOf, 0).start(), asOf), m);
        }
        m = DAY_WORD.matcher(text);
        if (m.find()) {
            LocalDate d = switch (m.group(1)) {
                case "today" -> asOf;
                case "yesterday" -> asOf.minusDays(1);
                default -> asOf.plusDays(1);
            };
            return hit(Period.of(d, d), m);
        }
        m = ISO_DAY.matcher(text);
        if (m.find()) {
            LocalDate d = LocalDate.parse(m.group(1));
            return hit(Period.of(d, d), m);
        }
        m = MONTH_YEAR.matcher(text);
        if (m.find()) {
            LocalDate s = LocalDate.of(year(m.group(2)), month(m.group(1)), 1);
            return hit(Period.of(s, s.with(TemporalAdjusters.lastDayOfMonth())), m);
        }
        m = MONTH_ALONE.matcher(text);
        if (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            int mo = month(name);
            int y = mo > asOf.getMonthValue() ? asOf.getYear() - 1 : asOf.getYear();
            LocalDate s = LocalDate.of(y, mo, 1);
            return hit(Period.of(s, s.with(TemporalAdjusters.lastDayOfMonth())), m);
        }
        m = YEAR_ALONE.matcher(text);
        if (m.find()) {
            int y = Integer.parseInt(m.group(1));
            return hit(Period.of(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)), m);
        }
        return null;
    }

    /** The calendar {@code unit} (week, month, quarter, year) containing {@code asOf}, shifted by {@code shift} units. */
    static Period unit(String unit, LocalDate asOf, int shift) {
        switch (unit) {
            case "week" -> {
                LocalDate s = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(shift);
                return Period.of(s, s.plusDays(6));
            }
            case "month" -> {
                LocalDate s = asOf.withDayOfMonth(1).plusMonths(shift);
                return Period.of(s, s.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "quarter" -> {
                LocalDate s = LocalDate.of(asOf.getYear(), (asOf.getMonthValue() - 1) / 3 * 3 + 1, 1)
                        .plusMonths(3L * shift);
                return Period.of(s, s.plusMonths(3).minusDays(1));
            }
            default -> {
                LocalDate s = LocalDate.of(asOf.getYear() + shift, 1, 1);
                return Period.of(s, LocalDate.of(s.getYear(), 12, 31));
            }
        }
    }

    private static Hit hit(Period p, Matcher m) {
        return new Hit(p, m.start(), m.end());
    }

    private static LocalDate safeDate(int y, int m, int d) {
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(".", "");
        return MONTHS.get(n.substring(0, 3));
    }

    private static int year(String y) {
        return y.startsWith("'") ? 2000 + Integer.parseInt(y.substring(1)) : Integer.parseInt(y);
    }

    private static int number(String s) {
        Integer n = NUMBERS.get(s);
        return n != null ? n : Integer.parseInt(s);
    }

    private static int ordinal(String s) {
        return switch (s) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            default -> 4;
        };
    }
}
