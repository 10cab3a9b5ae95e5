package dev.salesagent.agents.graph;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateAndKeyTest {

    static final Key<String> INTENT = Key.of("intent", String.class);
    static final Key<Integer> COUNT = Key.of("count", Integer.class, 0);
    static final Key<List<String>> LOG = Key.appending("log", String.class);
    static final Key<Map<String, Integer>> SCORES = Key.merging("scores", Integer.class);
    static final Key<Integer> SUM = Key.reducing("sum", Integer.class, 0, Integer::sum);

    @Test
    @DisplayName("each reducer folds updates its own way and defaults apply while unset")
    void reducers() {
        AgentState s = AgentState.empty();
        assertThat(s.get(COUNT)).isZero();
        assertThat(s.get(LOG)).isEmpty();
        assertThat(s.get(SCORES)).isEmpty();
        assertThat(s.get(INTENT)).isNull();
        assertThat(s.has(COUNT)).isFalse();

        s = s.apply(Update.of(INTENT, "buy").and(INTENT, "sell")
                .andAppend(LOG, "a", "b").andAppend(LOG, "c")
                .and(SCORES, Map.of("x", 1, "y", 2)).and(SCORES, Map.of("y", 5))
                .and(SUM, 3).and(SUM, 4));
        assertThat(s.get(INTENT)).isEqualTo("sell");
        assertThat(s.get(LOG)).containsExactly("a", "b", "c");
        assertThat(s.get(SCORES)).containsEntry("x", 1).containsEntry("y", 5);
        assertThat(s.get(SUM)).isEqualTo(7);
    }

    @Test
    @DisplayName("a value of the wrong type is an InvalidUpdateException naming the key")
    void wrongType() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Key<Object> raw = (Key) COUNT;
        assertThatThrownBy(() -> AgentState.empty().apply(Update.of(raw, "seven")))
                .isInstanceOf(InvalidUpdateException.class).hasMessageContaining("count").hasMessageContaining("Integer");
    }

    @Test
    @DisplayName("state is persistent: earlier versions are unchanged and a large list is shared, not copied")
    void structuralSharing() {
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            big.add("message " + i);
        }
        AgentState s0 = AgentState.of(Update.of(LOG, List.copyOf(big)));
        AgentState s1 = s0.apply(Update.append(LOG, "one more"));
        AgentState s2 = s1.apply(Update.of(INTENT, "x"));
        assertThat(s0.get(LOG)).hasSize(10_000);
        assertThat(s1.get(LOG)).hasSize(10_001).last().isEqualTo("one more");
        PersistentList<String> l0 = (PersistentList<String>) s0.get(LOG);
        PersistentList<String> l1 = (PersistentList<String>) s1.get(LOG);
        assertThat(l0.sharesPrefixWith(l1)).as("the 10,000 items are shared, not copied").isTrue();
        AgentState s3 = s1.apply(Update.append(LOG, "and another"));
        PersistentList<String> l3 = (PersistentList<String>) s3.get(LOG);
        assertThat(l3.sharesStructureWith(l1)).as("the next append reuses the tail array").isTrue();
        assertThat(s1.get(LOG)).hasSize(10_001);
        assertThat(s2.get(LOG)).isSameAs(s1.get(LOG));

        // a fork appending to the older version copies once and leaves the other branch intact
        AgentState fork = s0.apply(Update.append(LOG, "fork"));
        assertThat(fork.get(LOG).get(10_000)).isEqualTo("fork");
        assertThat(s1.get(LOG).get(10_000)).isEqualTo("one more");
    }

    @Test
    @DisplayName("persistent lists are immutable to callers")
    void immutable() {
        AgentState s = AgentState.of(Update.append(LOG, "a"));
        assertThatThrownBy(() -> s.get(LOG).add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
