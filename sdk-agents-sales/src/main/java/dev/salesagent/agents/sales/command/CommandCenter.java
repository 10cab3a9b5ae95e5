package dev.salesagent.agents.sales.command;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.crm.CrmClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The embeddable command center: routes a question, answers each intent with the agents over a {@link SalesSnapshot}
 * of the CRM, and remembers each thread's last routed question in a graph-runtime {@link Checkpointer} (a one-node
 * graph {@code route}), so a follow-up on any instance sharing the checkpointer continues the conversation.
 *
 * <p>A {@code create_transaction} intent is not executed here: its answer (agent {@code transaction}) says that a draft
 * is needed and carries the extracted entities; hand the question to
 * {@link dev.salesagent.agents.sales.command.transaction.SalesOrderTransactions}. A question with ambiguous names
 * returns one {@code router} answer asking back (the clarification's options are its rows).
 *
 * <p>Thread-safe. {@link #refresh()} re-reads the CRM (e.g. after a sync); questions keep using the previous snapshot
 * until it completes.
 */
public final class CommandCenter implements AutoCloseable {

    static final Key<RoutedQuery> LAST = Key.of("last_query", RoutedQuery.class);
    static final Key<String> QUESTION = Key.of("question", String.class);
    static final Key<LocalDate> AS_OF = Key.of("as_of", LocalDate.class);

    private final CrmClient crm;
    private final Clock clock;
    private final Function<EntityCatalog, QueryRouter> routerFactory;
    private final CompiledGraph graph;
    private volatile CommandAgents agents;
    private volatile QueryRouter router;

    private CommandCenter(Builder b) {
        this.crm = Objects.requireNonNull(b.crm, "crm");
        this.clock = b.clock;
        this.routerFactory = b.routerFactory;
        refresh();
        this.graph = StateGraph.of(LAST, QUESTION, AS_OF)
                .addNode("route", (state, ctx) -> {
                    RoutedQuery previous = state.find(LAST).orElse(null);
                    RoutingContext rc = new RoutingContext(state.get(AS_OF), previous);
                    return Update.of(LAST, router.route(state.get(QUESTION), rc));
                })
                .addEdge(StateGraph.START, "route").addEdge("route", StateGraph.END)
                .compile(CompileConfig.builder().name("command_center").checkpointer(b.checkpointer)
                        .clock(clock).build());
    }

    /** {@return a new builder; {@link Builder#crm(CrmClient)} is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Re-reads every order, account, product and opportunity and rebuilds the router's catalog.
     *
     * @throws dev.salesagent.crm.CrmException if the CRM fails (the previous snapshot stays in use)
     */
    public void refresh() {
        SalesSnapshot snapshot = SalesSnapshot.load(crm, clock.instant());
        QueryRouter r = routerFactory.apply(snapshot.catalog());
        this.agents = new CommandAgents(snapshot, sku -> crm.inventory().availability(sku));
        this.router = r;
    }

    /** {@return the agents over the current snapshot (replaced by each {@link #refresh()})} */
    public CommandAgents agents() {
        return agents;
    }

    /**
     * Answers one question.
     *
     * @param question the user's words
     * @param threadId the conversation (null starts a new one; its id is in the response)
     * @param asOf     the day relative dates resolve against, or null for today on the clock
     * @return the routing, the answers and the thread id
     * @throws IllegalArgumentException if {@code question} is null
     * @throws dev.salesagent.agents.graph.GraphException if the checkpointer fails
     */
    public CommandResponse ask(String question, String threadId, LocalDate asOf) {
        if (question == null) {
            throw new IllegalArgumentException("question is null");
        }
        String thread = threadId == null || threadId.isBlank() ? UUID.randomUUID().toString() : threadId;
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock);
        RunResult run = graph.invoke(Update.of(QUESTION, question).and(AS_OF, day), RunConfig.forThread(thread))
                .orThrow();
        RoutedQuery q = run.get(LAST);
        return new CommandResponse(q, answers(q, day), thread, day);
    }

    /**
     * The last routed question of a thread, as the checkpointer holds it.
     *
     * @param threadId the conversation thread ({@link CommandResponse#threadId()})
     * @return the thread's last routed question, or empty if the thread has none
     * @throws dev.salesagent.agents.graph.GraphException if the checkpointer fails
     */
    public java.util.Optional<RoutedQuery> lastQuery(String threadId) {
        return graph.state(threadId).flatMap(c -> c.state().find(LAST));
    }

    private List<Answer> answers(RoutedQuery q, LocalDate day) {
        List<Answer> out = new ArrayList<>();
        if (q.needsClarification()) {
            Clarification c = q.clarifications().get(0);
            out.add(new Answer("router", c.question(), c.options().stream()
                    .map(o -> CommandAgents.row(c.entity(), o)).toList(), ChartSpec.none("Did you mean")));
            return out;
        }
        CommandAgents a = agents;
        for (Intent i : q.intents()) {
            if (i == Intent.CREATE_TRANSACTION) {
                out.add(new Answer("transaction", "This asks for a new sales order: start a draft for review "
                        + "(nothing is created until it is approved).", List.of(q.entities().toMap()),
                        ChartSpec.none("Order draft")));
            } else {
                out.add(a.answer(i, q, day));
            }
        }
        return out;
    }

    /** Closes the graph (not the CRM nor the checkpointer). */
    @Override
    public void close() {
        graph.close();
    }

    /** Builder of {@link CommandCenter}. */
    public static final class Builder {
        private CrmClient crm;
        private Clock clock = Clock.systemUTC();
        private Checkpointer checkpointer = new InMemoryCheckpointer();
        private Function<EntityCatalog, QueryRouter> routerFactory = QueryRouter::rules;

        private Builder() {
        }

        /**
         * The CRM the agents read (required).
         *
         * @param crm the CRM; read in full on {@link #build()} and on each {@link CommandCenter#refresh()}
         * @return this builder
         * @throws NullPointerException if {@code crm} is null
         */
        public Builder crm(CrmClient crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
            return this;
        }

        /**
         * The clock for "today" when a question has no as-of date (and for the graph runtime); default the UTC system
         * clock.
         *
         * @param clock the clock; its zone decides the date
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where thread memory lives; default a new {@link InMemoryCheckpointer}. Share a JDBC one across instances.
         *
         * @param checkpointer the graph runtime's checkpointer; not closed by {@link CommandCenter#close()}
         * @return this builder
         * @throws NullPointerException if {@code checkpointer} is null
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
            return this;
        }

        /**
         * How to make the router from each snapshot's catalog; default {@link QueryRouter#rules(EntityCatalog)}.
         * For a model router: {@code c -> QueryRouter.model(chatModel, options, QueryRouter.rules(c))}.
         *
         * @param routerFactory called with the new catalog on {@link #build()} and on each refresh; must return a
         *                      router
         * @return this builder
         * @throws NullPointerException if {@code routerFactory} is null
         */
        public Builder router(Function<EntityCatalog, QueryRouter> routerFactory) {
            this.routerFactory = Objects.requireNonNull(routerFactory, "routerFactory");
            return this;
        }

        /**
         * Builds it and reads the CRM once.
         *
         * @return the command center, ready to answer
         * @throws NullPointerException if no CRM was set
         * @throws dev.salesagent.crm.CrmException if reading the CRM fails
         */
        public CommandCenter build() {
            return new CommandCenter(this);
        }
    }
}
