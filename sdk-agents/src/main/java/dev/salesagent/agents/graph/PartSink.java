package dev.salesagent.agents.graph;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns a run's events into {@link StreamPart}s of the requested modes (LangGraph's stream modes). */
final class PartSink implements GraphRun.EventSink {

    private static final Object END = new Object();

    private final Set<StreamMode> modes;
    private final boolean subgraphs;
    private final Clock clock;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    PartSink(Set<StreamMode> modes, boolean subgraphs, Clock clock) {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("stream needs at least one StreamMode");
        }
        this.modes = modes;
        this.subgraphs = subgraphs;
        this.clock = clock;
    }

    @Override
    public void accept(List<String> ns, GraphEvent e) {
        boolean root = ns.isEmpty();
        if (e instanceof GraphEvent.RunCompleted) {
            if (root) {
                queue.add(END);
            }
            return;
        }
        if (e instanceof GraphEvent.Interrupted i) {
            if (root) {
                if (modes.contains(StreamMode.UPDATES)) {
                    queue.add(new StreamPart(ns, StreamMode.UPDATES, Map.of("__interrupt__", i.interrupts())));
                }
                queue.add(END);
            }
            return;
        }
        if (e instanceof GraphEvent.RunFailed f) {
            if (root) {
                queue.add(f.result());
            }
            return;
        }
        if (!root && !subgraphs) {
            return;
        }
        if (e instanceof GraphEvent.NodeCompleted nc) {
            if (modes.contains(StreamMode.UPDATES)) {
                queue.add(new StreamPart(ns, StreamMode.UPDATES, Map.of(nc.node(), nc.update())));
            }
            if (modes.contains(StreamMode.DEBUG)) {
                queue.add(debug(ns, "task_result", nc.step(), Map.of("name", nc.node(), "result", nc.update())));
            }
        } else if (e instanceof GraphEvent.NodeStarted ns0) {
            if (modes.contains(StreamMode.DEBUG)) {
                queue.add(debug(ns, "task", ns0.step(), Map.of("name", ns0.node())));
            }
        } else if (e instanceof GraphEvent.CheckpointSaved cs) {
            if (modes.contains(StreamMode.DEBUG)) {
                queue.add(debug(ns, "checkpoint", cs.step(), Map.of("checkpointId", cs.checkpointId())));
            }
        } else if (e instanceof GraphEvent.ModelToken t) {
            if (modes.contains(StreamMode.MESSAGES)) {
                queue.add(new StreamPart(ns, StreamMode.MESSAGES, t));
            }
        } else if (e instanceof GraphEvent.Custom c) {
            if (modes.contains(StreamMode.CUSTOM)) {
                queue.add(new StreamPart(ns, StreamMode.CUSTOM, c.payload()));
            }
        }
    }

    @Override
    public void values(List<String> ns, int step, AgentState state) {
        if (modes.contains(StreamMode.VALUES) && (ns.isEmpty() || subgraphs)) {
            queue.add(new StreamPart(ns, StreamMode.VALUES, state));
        }
    }

    private StreamPart debug(List<String> ns, String type, int step, Map<String, Object> payload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("step", step);
        m.put("timestamp", clock.instant().toString());
        m.put("payload", payload);
        return new StreamPart(ns, StreamMode.DEBUG, m);
    }

    Stream<StreamPart> drain() {
        Iterator<StreamPart> it = new Iterator<>() {
            Object head;

            private Object peek() {
                if (head == null) {
                    try {
                        head = queue.take();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new GraphException("Interrupted while waiting for graph events", ex);
                    }
                }
                return head;
            }

            @Override
            public boolean hasNext() {
                Object h = peek();
                if (h instanceof RunResult failed) {
                    Throwable error = failed.error();
                    if (error instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new GraphException("Run " + failed.runId() + " failed", error);
                }
                return h != END;
            }

            @Override
            public StreamPart next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StreamPart p = (StreamPart) head;
                head = null;
                return p;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
