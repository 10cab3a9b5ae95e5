package dev.salesagent.common.redact;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal fields of the records being processed (a lead, a contact, a transcript's speakers): names, street
 * addresses and dates of birth. While a context is in effect, {@link PiiRedactor} masks those exact values wherever
 * they appear in a log line or error message, without any model.
 *
 * <p>Two ways to use it:
 * <pre>{@code
 * RedactionContext record = RedactionContext.builder()
 *         .name("Renée Dupont").streetAddress("12 rue de la Paix, 75002 Paris").dateOfBirth(LocalDate.of(1984, 3, 14))
 *         .build();
 * // 1. scoped to the current thread, like SLF4J's MDC: every redact(...) on this thread sees it until close()
 * try (RedactionContext.Scope scope = record.open()) {
 *     log.info(redactor.redact(text));
 * }
 * // 2. explicitly, e.g. on another thread
 * redactor.redact(text, record);
 * }</pre>
 * Scopes nest: an inner scope adds its values to the outer ones and {@link Scope#close()} restores the outer set.
 * Work handed to another thread keeps the context when wrapped with {@link #wrap(Runnable)}.
 *
 * <p>What is matched (case-insensitively, any run of spaces or commas between words, never inside a longer word):
 * <ul>
 *   <li>a name in full, as {@code Last, First}, and each of its words of three or more letters;</li>
 *   <li>a street address in full, and each comma- or line-separated part of it that contains a digit (the street
 *       line, the postcode line);</li>
 *   <li>a date of birth as ISO {@code 1984-03-14}, {@code 14.03.1984}, {@code 14/03/1984}, {@code 03/14/1984},
 *       {@code 14-03-1984}, {@code 1984/03/14}, {@code 14 March 1984}, {@code 14 Mar 1984}, {@code March 14, 1984}
 *       and {@code Mar 14, 1984}.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class RedactionContext {

    /** The context bound to each thread by {@link #open()}; like SLF4J's MDC, it is the only thread-bound state. */
    private static final ThreadLocal<RedactionContext> CURRENT = new ThreadLocal<>();

    private static final RedactionContext EMPTY = new RedactionContext(Set.of(), Set.of(), Set.of());

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH));

    private final Set<String> names;
    private final Set<String> streetAddresses;
    private final Set<LocalDate> datesOfBirth;
    /** Compiled on first use; immutable once built, so a benign race only compiles it twice. */
    private volatile Matching matching;

    private RedactionContext(Set<String> names, Set<String> streetAddresses, Set<LocalDate> datesOfBirth) {
        this.names = Set.copyOf(names);
        this.streetAddresses = Set.copyOf(streetAddresses);
        this.datesOfBirth = Set.copyOf(datesOfBirth);
    }

    /** {@return a context without values} */
    public static RedactionContext empty() {
        return EMPTY;
    }

    /** {@return a builder for a context} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the context in effect on the calling thread (the innermost open {@link Scope}), or {@link #empty()}} */
    public static RedactionContext current() {
        RedactionContext c = CURRENT.get();
        return c == null ? EMPTY : c;
    }

    /** {@return names to mask; never null} */
    public Set<String> names() {
        return names;
    }

    /** {@return street addresses to mask; never null} */
    public Set<String> streetAddresses() {
        return streetAddresses;
    }

    /** {@return dates of birth to mask; never null} */
    public Set<LocalDate> datesOfBirth() {
        return datesOfBirth;
    }

    /** {@return true if this context carries no value} */
    public boolean isEmpty() {
        return names.isEmpty() && streetAddresses.isEmpty() && datesOfBirth.isEmpty();
    }

    /**
     * {@return the union of this context's values and {@code other}'s}
     *
     * @param other the context to merge with this one
     */
    public RedactionContext merge(RedactionContext other) {
        Objects.requireNonNull(other, "other");
        if (other.isEmpty() || other == this) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new Builder().from(this).from(other).build();
    }

    /**
     * Binds this context, merged with the one already in effect, to the calling thread until the returned scope is
     * closed. Use with try-with-resources.
     *
     * @return the scope; closing it restores the context that was in effect before
     */
    public Scope open() {
        RedactionContext previous = CURRENT.get();
        CURRENT.set(previous == null ? this : previous.merge(this));
        return new Scope(previous, Thread.currentThread());
    }

    /**
     * {@code task} running with this context open (merged with whatever is open on the thread that runs it).
     *
     * @param task the task to run
     * @return a task that opens this context, runs {@code task} and closes the context
     */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (Scope ignored = open()) {
                task.run();
            }
        };
    }

    /**
     * {@code task} running with this context open (merged with whatever is open on the thread that runs it).
     *
     * @param <T> the task's result type
     * @param task the task to run
     * @return a task that opens this context, calls {@code task} and closes the context
     */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (Scope ignored = open()) {
                return task.call();
            }
        };
    }

    void find(String text, List<Finding> out) {
        if (isEmpty()) {
            return;
        }
        Matching m = matching;
        if (m == null) {
            m = new Matching(this);
            matching = m;
        }
        m.find(text, out);
    }

    @Override
    public String toString() {
        // never the values themselves: this object may end up in a log line
        return "RedactionContext[names=" + names.size() + ", streetAddresses=" + streetAddresses.size()
                + ", datesOfBirth=" + datesOfBirth.size() + "]";
    }

    /** An open binding of a context to a thread; {@link #close()} restores the previous one. */
    public static final class Scope implements AutoCloseable {
        private final RedactionContext previous;
        private final Thread owner;
        private boolean closed;

        private Scope(RedactionContext previous, Thread owner) {
            this.previous = previous;
            this.owner = owner;
        }

        /**
         * Restores the context that was in effect when this scope was opened. Idempotent.
         *
         * @throws IllegalStateException if called from another thread than the one that opened the scope
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a RedactionContext scope must be closed on the thread that opened it ("
                        + owner.getName() + "), not on " + Thread.currentThread().getName());
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Builds an immutable {@link RedactionContext}; blank values are ignored. */
    public static final class Builder {
        private final Set<String> names = new LinkedHashSet<>();
        private final Set<String> streetAddresses = new LinkedHashSet<>();
        private final Set<LocalDate> datesOfBirth = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Adds every value of {@code context}.
         *
         * @param context the context whose values to add
         * @return this builder
         */
        public Builder from(RedactionContext context) {
            names.addAll(context.names);
            streetAddresses.addAll(context.streetAddresses);
            datesOfBirth.addAll(context.datesOfBirth);
            return this;
        }

        /**
         * A person's name as written in the record, e.g. {@code "Renée Dupont"}; null or blank is ignored.
         *
         * @param name the name; may be null
         * @return this builder
         */
        public Builder name(String name) {
            if (name != null && !name.isBlank()) {
                names.add(name.strip());
            }
            return this;
        }

        /**
         * Several names at once; nulls and blanks are ignored.
         *
         * @param values the names
         * @return this builder
         */
        public Builder names(Collection<String> values) {
            values.forEach(this::name);
            return this;
        }

        /**
         * A street address as written in the record, lines separated by commas or newlines, e.g.
         * {@code "221B Baker Street, London NW1 6XE"}; null or blank is ignored.
         *
         * @param address the address; may be null
         * @return this builder
         */
        public Builder streetAddress(String address) {
            if (address != null && !address.isBlank()) {
                streetAddresses.add(address.strip());
            }
            return this;
        }

        /**
         * A date of birth; null is ignored.
         *
         * @param date the date of birth; may be null
         * @return this builder
         */
        public Builder dateOfBirth(LocalDate date) {
            if (date != null) {
                datesOfBirth.add(date);
            }
            return this;
        }

        /** {@return the context; an {@link #empty()} one when nothing was added} */
        public RedactionContext build() {
            if (names.isEmpty() && streetAddresses.isEmpty() && datesOfBirth.isEmpty()) {
                return EMPTY;
            }
            return new RedactionContext(names, streetAddresses, datesOfBirth);
        }
    }

    /** One compiled alternation of every variant, longest first, and what each variant stands for. */
    private static final class Matching {
        private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

        private final Pattern pattern;
        private final Map<String, Finding> byVariant;

        Matching(RedactionContext c) {
            Map<String, Finding> variants = new HashMap<>();
            for (String name : c.names) {
                String canonical = key(name);
                put(variants, name, PiiRedactor.Kind.NAME, canonical);
                String[] words = SEPARATORS.split(name.strip());
                if (words.length > 1) {
                    String last = words[words.length - 1];
                    put(variants, last + ", " + String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)),
                            PiiRedactor.Kind.NAME, canonical);
                    for (String w : words) {
                        if (w.codePointCount(0, w.length()) >= 3) {
                            put(variants, w, PiiRedactor.Kind.NAME, key(w));
                        }
                    }
                }
            }
            for (String address : c.streetAddresses) {
                String canonical = key(address);
                put(variants, address, PiiRedactor.Kind.STREET_ADDRESS, canonical);
                for (String part : address.split("[,\\n\\r]+")) {
                    String p = part.strip();
                    if (p.length() >= 5 && p.chars().anyMatch(Character::isDigit)) {
                        put(variants, p, PiiRedactor.Kind.STREET_ADDRESS, key(p));
                    }
                }
            }
            for (LocalDate date : c.datesOfBirth) {
                for (DateTimeFormatter f : DATE_FORMATS) {
                    put(variants, f.format(date), PiiRedactor.Kind.DATE_OF_BIRTH, date.toString());
                }
            }
            List<String> keys = new ArrayList<>(variants.keySet());
            keys.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{M}\\p{N}])(?:");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    regex.append('|');
                }
                String[] words = keys.get(i).split(" ");
                for (int w = 0; w < words.length; w++) {
                    if (w > 0) {
                        regex.append("[\\s,]+");
                    }
                    regex.append(Pattern.quote(words[w]));
                }
            }
            regex.append(")(?![\\p{L}\\p{M}\\p{N}])");
            this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            this.byVariant = Map.copyOf(variants);
        }

        private static void put(Map<String, Finding> variants, String text, PiiRedactor.Kind kind, String canonical) {
            String k = key(text);
            if (!k.isEmpty()) {
                variants.putIfAbsent(k, new Finding(0, 0, kind, canonical, kind.mask()));
            }
        }

        /** Lower case, words separated by one space, commas dropped. */
        private static String key(String text) {
            return SEPARATORS.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        }

        void find(String text, List<Finding> out) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                Finding f = byVariant.get(key(m.group()));
                if (f != null) {
                    out.add(new Finding(m.start(), m.end(), f.kind(), f.value(), f.replacement()));
                }
            }
        }
    }
}
