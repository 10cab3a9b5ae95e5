package dev.salesagent.agents.memory;

import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.Node;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.core.context.AiContext;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Graph nodes that connect a {@link MemoryStore} to a run. */
public final class MemoryNodes {

    private MemoryNodes() {
    }

    /**
     * A node that loads the newest {@code limit} facts about the subject named by {@code subject}
     * (for the current {@code AiContext} tenant) and writes them to {@code target} as prompt text:
     * {@code "Known facts about <subject>:\n- <fact> (<date>)\n..."}, or the empty string when there
     * are none or the subject is null. Put {@code target} into the system prompt of the next model node.
     *
     * @param store where the facts are kept
     * @param subject reads the subject (e.g. the lead's e-mail) from the state; null or blank means none
     * @param target the key that receives the prompt text
     * @param limit the maximum number of facts, at least 1
     * @return the node
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public static Node recall(MemoryStore store, Function<AgentState, String> subject, Key<String> target, int limit) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(target, "target");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        return (state, ctx) -> {
            String s = subject.apply(state);
            if (s == null || s.isBlank()) {
                return Update.of(target, "");
            }
            List<MemoryFact> facts = store.recall(AiContext.current().tenant(), s, limit);
            return Update.of(target, format(s, facts));
        };
    }

    /**
     * {@return prompt text for facts, newest first; empty when there are none}
     *
     * @param subject the subject the facts are about
     * @param facts the facts, newest first
     */
    public static String format(String subject, List<MemoryFact> facts) {
        if (facts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Known facts about ").append(subject).append(':');
        for (MemoryFact f : facts) {
            sb.append("\n- ").append(f.fact()).append(" (")
                    .append(DateTimeFormatter.ISO_LOCAL_DATE.format(f.recordedAt().atZone(java.time.ZoneOffset.UTC))).append(')');
        }
        return sb.toString();
    }
}
