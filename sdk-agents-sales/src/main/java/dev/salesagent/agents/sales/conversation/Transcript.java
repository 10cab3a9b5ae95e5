package dev.salesagent.agents.sales.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation with speaker labels: a call, an e-mail thread or a meeting.
 *
 * @param kind       what kind of conversation
 * @param utterances turns in order
 */
public record Transcript(Kind kind, List<Utterance> utterances) {

    private static final Pattern LINE = Pattern.compile(
            "^\\s*(?:\\[?\\(?\\d{1,2}:\\d{2}(?::\\d{2})?\\)?\\]?\\s*)?([^:\\n]{1,60}?)\\s*:\\s+(.+)$");

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param kind what kind of conversation
     * @param utterances turns in order
     */
    public Transcript {
        Objects.requireNonNull(kind, "kind");
        utterances = List.copyOf(utterances);
    }

    /**
     * Parses lines {@code Speaker: text}, optionally prefixed by a time stamp ({@code [00:01:23]}, {@code 12:05}).
     * A line without a label continues the previous turn; blank lines are skipped.
     *
     * @param kind call, e-mail thread or meeting
     * @param text the transcript text, one speaker turn per line
     * @return the transcript with its speaker turns in order
     * @throws IllegalArgumentException if no line has a speaker label
     */
    public static Transcript parse(Kind kind, String text) {
        List<Utterance> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches() && !m.group(1).isBlank()) {
                out.add(new Utterance(m.group(1).strip(), m.group(2).strip()));
            } else if (!out.isEmpty()) {
                Utterance last = out.remove(out.size() - 1);
                out.add(new Utterance(last.speaker(), last.text() + " " + line.strip()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no 'Speaker: text' lines found in the transcript");
        }
        return new Transcript(kind, out);
    }

    /** {@return speakers in order of first appearance} */
    public List<String> speakers() {
        Set<String> s = new LinkedHashSet<>();
        utterances.forEach(u -> s.add(u.speaker()));
        return List.copyOf(s);
    }

    /** The kind of conversation. Serialized lower case. */
    public enum Kind {
        /** A phone or video call. */
        CALL,
        /** An e-mail thread. */
        EMAIL,
        /** An in-person or online meeting. */
        MEETING;

        /** {@return the lower-case name used in JSON} */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One speaker turn.
     *
     * @param speaker the speaker's label as written in the transcript
     * @param text what the speaker said in this turn
     */
    public record Utterance(String speaker, String text) {
        /**
         * Checks that both components are present.
         *
         * @param speaker the speaker's label, not null
         * @param text what the speaker said, not null
         * @throws NullPointerException if either is null
         */
        public Utterance {
            Objects.requireNonNull(speaker, "speaker");
            Objects.requireNonNull(text, "text");
        }
    }
}
