package dev.salesagent.agents.sales.command.transaction;

import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.GraphException;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.NodeContext;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.sales.command.QueryEntities;
import dev.salesagent.agents.sales.command.QueryRouter;
import dev.salesagent.agents.sales.command.RoutedQuery;
import dev.salesagent.agents.sales.command.RoutingContext;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sales-order drafts as a graph on the sdk-agents runtime:
 * {@code extract -> validate -> review (interrupt) -> submit -> record}, with {@code review -> validate} after an edit
 * and {@code review -> END} after a rejection.
 *
 * <ul>
 *   <li><b>extract</b>: the request's entities (through the {@link QueryRouter}) become a one-line draft; a draft
 *       given directly is kept.</li>
 *   <li><b>validate</b>: the customer exists (exact name, case-insensitive, else one partial match), each product is in
 *       the catalog (exact name or SKU, else one partial match), quantity positive, price within
 *       {@link TransactionPolicy#priceTolerance()} of the list price, inventory available, credit limit minus open
 *       balance covers the total. Failures are a list of {@link ValidationIssue}s, never an exception.</li>
 *   <li><b>review</b>: interrupts with the draft and its issues; resumed by {@link #edit}, {@link #approve} or
 *       {@link #reject}. Approving a draft with issues leaves it in review.</li>
 *   <li><b>submit</b>: {@code salesOrders().create} with {@link OrderDraft#idempotencyKey()}: approving twice, from two
 *       instances at once, or again after a crash between the CRM call and the checkpoint creates one order (the CRM
 *       returns the existing one for a known key).</li>
 *   <li><b>record</b>: marks it {@link TransactionStatus#SUBMITTED} and calls the recorder (e.g. an audit log).</li>
 * </ul>
 * Everything lives in the checkpointer: another instance built on the same checkpointer and CRM continues any
 * transaction (including one whose run failed mid-submit: {@link #approve} resumes it). Thread-safe.
 */
public final class SalesOrderTransactions implements AutoCloseable {

    static final Key<String> REQUEST = Key.of("request", String.class);
    static final Key<LocalDate> AS_OF = Key.of("as_of", LocalDate.class);
    static final Key<OrderDraft> DRAFT = Key.of("draft", OrderDraft.class);
    static final Key<List<ValidationIssue>> ISSUES = Key.listOf("issues", ValidationIssue.class);
    static final Key<String> DECISION = Key.of("decision", String.class);
    static final Key<String> STATUS = Key.of("status", String.class);
    static final Key<String> ORDER_ID = Key.of("order_id", String.class);
    static final Key<String> REASON = Key.of("reason", String.class);

    private final CrmClient crm;
    private final QueryRouter router;
    private final TransactionPolicy policy;
    private final Consumer<TransactionView> recorder;
    private final CompiledGraph graph;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    private SalesOrderTransactions(Builder b) {
        this.crm = Objects.requireNonNull(b.crm, "crm");
        this.router = Objects.requireNonNull(b.router, "router");
        this.policy = b.policy;
        this.recorder = b.recorder;
        this.graph = StateGraph.of(REQUEST, AS_OF, DRAFT, ISSUES, DECISION, STATUS, ORDER_ID, REASON)
                .addNode("extract", (s, c) -> extract(s, c))
                .addNode("validate", (s, c) -> Update.of(ISSUES, validate(s.get(DRAFT))).and(DRAFT,
                        resolved(s.get(DRAFT))))
                .addNode("review", this::review)
                .addNode("submit", (s, c) -> submit(s))
                .addNode("record", (s, c) -> record(s, c))
                .addEdge(StateGraph.START, "extract")
                .addEdge("extract", "validate")
                .addEdge("validate", "review")
                .addConditionalEdges("review", s -> s.get(DECISION), Map.of("edit", "validate", "approve", "submit",
                        "reject", StateGraph.END, "review", "review"))
                .addConditionalEdges("submit", s -> s.find(ORDER_ID).isPresent() ? "record" : "failed",
                        Map.of("record", "record", "failed", StateGraph.END))
                .addEdge("record", StateGraph.END)
                .compile(CompileConfig.builder().name("sales_order_transaction").checkpointer(b.checkpointer)
                        .clock(b.clock).build());
    }

    /**
     * The compiled transaction graph itself, for hosts that serve graphs over a protocol (an agent platform's
     * {@code GraphProvider}): the same graph {@link #start}, {@link #approve}, {@link #edit} and {@link #reject}
     * drive, on this service's checkpointer. Input {@code {"request": "<words>", "as_of": "YYYY-MM-DD"}} (as_of
     * optional: today); it stops at {@code review} with an interrupt whose value is {@code {"draft", "issues"}}; resume
     * with {@code {"action": "approve"}}, {@code {"action": "reject", "reason": "..."}} or
     * {@code {"action": "edit", "draft": {...}}}. The order's idempotency key derives from the thread id, so a thread
     * submits at most one order to the CRM however often it is resumed.
     *
     * @return the compiled graph (thread-safe; do not close it separately)
     */
    public CompiledGraph graph() {
        return graph;
    }

    /** {@return a new builder; CRM, router and checkpointer are required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a transaction from the user's words ("Create a sales order for Disney, 500 hats, $50 each") and stops
     * at review.
     *
     * @param threadId the transaction id (unique; e.g. a UUID)
     * @param request  the words
     * @param asOf     the day for relative dates in the request
     * @return the draft awaiting review, with its issues
     * @throws IllegalStateException if {@code threadId} already has a transaction
     */
    public TransactionView start(String threadId, String request, LocalDate asOf) {
        requireNew(threadId);
        graph.invoke(Update.of(REQUEST, Objects.requireNonNull(request, "request")).and(AS_OF, asOf),
                RunConfig.forThread(threadId)).orThrow();
        return view(threadId).orElseThrow();
    }

    /**
     * Starts a transaction from a draft (its {@code draftId} should equal {@code threadId}) and stops at review.
     *
     * @param threadId the transaction id (unique; e.g. a UUID), not null
     * @param draft    the draft as the user composed it; customer and products are resolved by validation
     * @return the (resolved) draft awaiting review, with its issues
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if {@code threadId} already has a transaction
     */
    public TransactionView start(String threadId, OrderDraft draft) {
        requireNew(threadId);
        graph.invoke(Update.of(DRAFT, Objects.requireNonNull(draft, "draft")), RunConfig.forThread(threadId))
                .orThrow();
        return view(threadId).orElseThrow();
    }

    /**
     * Replaces the draft under review and validates it again. The draft keeps its {@code draftId}; its customer id
     * is resolved again, so the idempotency key changes with the content.
     *
     * @param threadId the transaction id
     * @param draft    the edited draft (customer, lines, order date, memo), not null
     * @return the new draft awaiting review, with its issues
     * @throws NullPointerException  if {@code draft} is null
     * @throws IllegalStateException if there is no such transaction or it is not awaiting review
     */
    public TransactionView edit(String threadId, OrderDraft draft) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", "edit");
        answer.put("draft", Objects.requireNonNull(draft, "draft"));
        return answer(threadId, answer);
    }

    /**
     * Approves the draft: submits it once and records it. Idempotent: approving a submitted transaction returns it;
     * approving one whose submission was interrupted (crash, CRM outage) resumes the submission with the same key.
     * A draft with issues stays in review (its issues are returned).
     *
     * @param threadId the transaction id
     * @return the transaction: {@code SUBMITTED} with the CRM's order id, {@code AWAITING_REVIEW} with its issues, or
     *         {@code FAILED} with the CRM's reason when the CRM refused the order
     * @throws IllegalStateException if there is no such transaction or it was rejected
     * @throws dev.salesagent.agents.graph.GraphException if the submission failed unexpectedly (e.g. the CRM is
     *                                                    down); the transaction stays approved and a later call
     *                                                    resumes it
     */
    public TransactionView approve(String threadId) {
        return answer(threadId, Map.of("action", "approve"));
    }

    /**
     * Rejects the draft; nothing is sent to the CRM.
     *
     * @param threadId the transaction id
     * @param reason   why, shown as {@link TransactionView#reason()}; null is recorded as empty
     * @return the transaction, {@code REJECTED}
     * @throws IllegalStateException if there is no such transaction or it is not awaiting review
     */
    public TransactionView reject(String threadId, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", "reject");
        answer.put("reason", reason == null ? "" : reason);
        return answer(threadId, answer);
    }

    /**
     * Reads a transaction from the checkpointer.
     *
     * @param threadId the transaction id
     * @return the transaction as it stands, or empty if the thread has none
     */
    public Optional<TransactionView> get(String threadId) {
        return view(threadId);
    }

    private TransactionView answer(String threadId, Map<String, Object> answer) {
        synchronized (locks.computeIfAbsent(threadId, k -> new Object())) {
            Checkpoint cp = graph.state(threadId).orElseThrow(() -> new IllegalStateException(
                    "no transaction " + threadId));
            TransactionView current = view(cp);
            boolean approving = "approve".equals(answer.get("action"));
            if (current.status() == TransactionStatus.SUBMITTED && approving) {
                return current;
            }
            if (!cp.interrupts().isEmpty()) {
                try {
                    graph.resume(Resume.withValue(answer), RunConfig.forThread(threadId)).orThrow();
                } catch (GraphException e) {
                    // another instance answered the same interrupt first: its outcome stands
                    TransactionView after = view(threadId).orElseThrow();
                    if (after.status() != TransactionStatus.SUBMITTED && after.status() != TransactionStatus.REJECTED) {
                        throw e;
                    }
                    return after;
                }
            } else if (!cp.next().isEmpty() && approving) {
                graph.resume(Resume.empty(), RunConfig.forThread(threadId)).orThrow(); // a submission cut short
            } else if (current.status() != TransactionStatus.AWAITING_REVIEW) {
                throw new IllegalStateException("transaction " + threadId + " is " + current.status()
                        + ", not awaiting review");
            }
            return view(threadId).orElseThrow();
        }
    }

    private void requireNew(String threadId) {
        Objects.requireNonNull(threadId, "threadId");
        if (graph.state(threadId).isPresent()) {
            throw new IllegalStateException("transaction " + threadId + " already exists");
        }
    }

    private Optional<TransactionView> view(String threadId) {
        return graph.state(threadId).map(this::view);
    }

    private TransactionView view(Checkpoint cp) {
        AgentState s = cp.state();
        OrderDraft draft = s.find(DRAFT).orElse(null);
        String st = s.find(STATUS).orElse(null);
        TransactionStatus status = st != null ? TransactionStatus.valueOf(st)
                : !cp.interrupts().isEmpty() ? TransactionStatus.AWAITING_REVIEW : TransactionStatus.APPROVED;
        return new TransactionView(cp.threadId(), status, draft, s.find(ISSUES).orElse(List.of()),
                s.find(ORDER_ID).orElse(null), draft == null ? null : draft.idempotencyKey(),
                s.find(REASON).orElse(null));
    }

    // ------------------------------------------------------------------ nodes

    private Update extract(AgentState s, NodeContext c) {
        if (s.find(DRAFT).isPresent()) {
            return Update.empty();
        }
        LocalDate asOf = s.find(AS_OF).orElse(LocalDate.now());
        RoutedQuery q = router.route(s.get(REQUEST), RoutingContext.asOf(asOf));
        QueryEntities e = q.entities();
        String customer = e.customer();
        String product = e.product();
        for (var cl : q.clarifications()) {
            if (cl.entity().equals("customer") && customer == null) {
                customer = cl.mention();
            }
            if (cl.entity().equals("product") && product == null) {
                product = cl.mention();
            }
        }
        return Update.of(DRAFT, OrderDraft.of(c.threadId(), customer, product, e.quantity(), e.unitPrice()));
    }

    private Update review(AgentState s, NodeContext c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("draft", s.get(DRAFT));
        payload.put("issues", s.find(ISSUES).orElse(List.of()));
        Object raw = c.interrupt(payload);
        Map<?, ?> answer = raw instanceof Map<?, ?> m ? m : Map.of("action", String.valueOf(raw));
        String action = String.valueOf(answer.get("action"));
        switch (action) {
            case "edit" -> {
                OrderDraft edited = graph.codec().mapper().convertValue(answer.get("draft"), OrderDraft.class);
                OrderDraft current = s.get(DRAFT);
                edited = new OrderDraft(current.draftId(), edited.customer(), null, edited.lines().stream()
                        .map(l -> new DraftLine(l.product(), l.sku(), l.quantity(), l.unitPrice())).toList(),
                        edited.orderDate(), edited.memo());
                return Update.of(DRAFT, edited).and(DECISION, "edit");
            }
            case "reject" -> {
                return Update.of(DECISION, "reject").and(STATUS, TransactionStatus.REJECTED.name())
                        .and(REASON, String.valueOf(answer.get("reason")));
            }
            case "approve" -> {
                return Update.of(DECISION, s.find(ISSUES).orElse(List.of()).isEmpty() ? "approve" : "review");
            }
            default -> {
                return Update.of(DECISION, "review");
            }
        }
    }

    private Update submit(AgentState s) {
        OrderDraft d = s.get(DRAFT);
        NewSalesOrder.Builder order = NewSalesOrder.builder().customerId(crm.accounts().get(d.customerId()).id())
                .idempotencyKey(d.idempotencyKey()).currency("USD").orderDate(d.orderDate()).memo(d.memo());
        d.lines().forEach(l -> order.line(SalesOrderLine.ofSku(l.sku(), l.quantity(), l.unitPrice())));
        try {
            SalesOrder created = crm.salesOrders().create(order.build()).record();
            return Update.of(ORDER_ID, created.id().value());
        } catch (CrmValidationException | CrmNotFoundException e) {
            return Update.of(STATUS, TransactionStatus.FAILED.name()).and(REASON, e.getMessage());
        }
    }

    private Update record(AgentState s, NodeContext c) {
        OrderDraft d = s.get(DRAFT);
        recorder.accept(new TransactionView(c.threadId(), TransactionStatus.SUBMITTED, d, List.of(), s.get(ORDER_ID),
                d.idempotencyKey(), null));
        return Update.of(STATUS, TransactionStatus.SUBMITTED.name());
    }

    // ------------------------------------------------------------------ validation

    /** The draft with customer id and SKUs filled in where they resolve to exactly one record. */
    OrderDraft resolved(OrderDraft d) {
        OrderDraft out = d;
        List<Account> customers = findCustomers(d.customer());
        if (customers.size() == 1) {
            out = out.withCustomer(customers.get(0).name(), customers.get(0).id().value());
        } else {
            out = out.withCustomer(d.customer(), null);
        }
        List<DraftLine> lines = new ArrayList<>();
        for (DraftLine l : d.lines()) {
            List<Product> p = findProducts(l);
            lines.add(p.size() == 1 ? new DraftLine(p.get(0).name(), p.get(0).sku(), l.quantity(), l.unitPrice())
                    : new DraftLine(l.product(), null, l.quantity(), l.unitPrice()));
        }
        return out.withLines(lines);
    }

    /**
     * Every problem of {@code draft}, in field order: customer, lines (product, quantity, unit price against the list
     * price, inventory), then credit. Reads the CRM's accounts, products, inventory and credit.
     *
     * @param draft the draft to check, not null
     * @return the issues; empty when the draft can be approved
     * @throws dev.salesagent.crm.CrmException if the CRM fails
     */
    public List<ValidationIssue> validate(OrderDraft draft) {
        List<ValidationIssue> issues = new ArrayList<>();
        Account customer = null;
        if (draft.customer() == null || draft.customer().isBlank()) {
            issues.add(new ValidationIssue("CUSTOMER_MISSING", "customer", "no customer given"));
        } else {
            List<Account> found = findCustomers(draft.customer());
            if (found.isEmpty()) {
                issues.add(new ValidationIssue("CUSTOMER_NOT_FOUND", "customer", "no customer named \""
                        + draft.customer() + "\""));
            } else if (found.size() > 1) {
                issues.add(new ValidationIssue("CUSTOMER_AMBIGUOUS", "customer", "\"" + draft.customer()
                        + "\" matches " + found.stream().limit(10).map(Account::name).toList()));
            } else {
                customer = found.get(0);
            }
        }
        if (draft.lines().isEmpty()) {
            issues.add(new ValidationIssue("NO_LINES", "lines", "the draft has no lines"));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine l = draft.lines().get(i);
            String f = "lines[" + i + "]";
            Product product = null;
            if ((l.product() == null || l.product().isBlank()) && l.sku() == null) {
                issues.add(new ValidationIssue("PRODUCT_MISSING", f + ".product", "no product given"));
            } else {
                List<Product> found = findProducts(l);
                if (found.isEmpty()) {
                    issues.add(new ValidationIssue("PRODUCT_NOT_FOUND", f + ".product", "no product \"" + l.product()
                            + "\" in the catalog"));
                } else if (found.size() > 1) {
                    issues.add(new ValidationIssue("PRODUCT_AMBIGUOUS", f + ".product", "\"" + l.product()
                            + "\" matches " + found.stream().limit(10).map(Product::name).toList()));
                } else {
                    product = found.get(0);
                }
            }
            if (l.quantity() == null) {
                issues.add(new ValidationIssue("QUANTITY_MISSING", f + ".quantity", "no quantity given"));
            } else if (l.quantity().signum() <= 0) {
                issues.add(new ValidationIssue("QUANTITY_INVALID", f + ".quantity", "quantity must be positive: "
                        + l.quantity().toPlainString()));
            }
            if (l.unitPrice() == null) {
                issues.add(new ValidationIssue("PRICE_MISSING", f + ".unitPrice", "no unit price given"));
            } else if (product != null && product.unitPrice() != null) {
                BigDecimal list = product.unitPrice();
                BigDecimal low = list.multiply(BigDecimal.ONE.subtract(policy.priceTolerance()));
                BigDecimal high = list.multiply(BigDecimal.ONE.add(policy.priceTolerance()));
                if (l.unitPrice().compareTo(low) < 0 || l.unitPrice().compareTo(high) > 0) {
                    issues.add(new ValidationIssue("PRICE_OUT_OF_RANGE", f + ".unitPrice", "unit price $"
                            + l.unitPrice().toPlainString() + " is outside list price $" + list.toPlainString()
                            + " +/- " + policy.priceTolerance().movePointRight(2).stripTrailingZeros().toPlainString()
                            + "% ($" + low.stripTrailingZeros().toPlainString() + " to $"
                            + high.stripTrailingZeros().toPlainString() + ")"));
                }
            }
            if (product != null && l.quantity() != null && l.quantity().signum() > 0 && policy.checkInventory()) {
                BigDecimal available = crm.inventory().availability(product.sku()).stream()
                        .map(InventoryLevel::available).filter(Objects::nonNull)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (available.compareTo(l.quantity()) < 0) {
                    issues.add(new ValidationIssue("INSUFFICIENT_INVENTORY", f + ".quantity", l.quantity()
                            .toPlainString() + " units asked, " + available.toPlainString() + " available"));
                }
            }
            if (l.lineTotal() != null) {
                total = total.add(l.lineTotal());
            }
        }
        if (customer != null && policy.checkCredit()) {
            CustomerCredit credit = crm.customers().credit(customer.id().value());
            BigDecimal available = credit.availableCredit();
            if (available != null && available.compareTo(total) < 0) {
                issues.add(new ValidationIssue("CREDIT_EXCEEDED", "customer", "order total $"
                        + total.toPlainString() + " exceeds available credit $" + available.toPlainString()
                        + " (limit $" + credit.creditLimit().toPlainString() + " minus open balance $"
                        + credit.openBalance().toPlainString() + ")"));
            }
        }
        return issues;
    }

    private List<Account> findCustomers(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        List<Account> all = Page.stream(p -> crm.accounts().changedSince(Instant.EPOCH, p), PageRequest.MAX_SIZE)
                .toList();
        List<Account> exact = all.stream().filter(a -> a.name() != null && a.name().toLowerCase(Locale.ROOT)
                .equals(n)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return all.stream().filter(a -> a.name() != null && containsWords(a.name(), n)).toList();
    }

    private List<Product> findProducts(DraftLine l) {
        if (l.sku() != null) {
            Optional<Product> p = crm.products().findBySku(l.sku());
            if (p.isPresent()) {
                return List.of(p.get());
            }
        }
        if (l.product() == null || l.product().isBlank()) {
            return List.of();
        }
        String n = l.product().strip().toLowerCase(Locale.ROOT);
        List<Product> all = Page.stream(p -> crm.products().search("", p), PageRequest.MAX_SIZE).toList();
        List<Product> exact = all.stream().filter(p -> n.equals(lower(p.name())) || n.equals(lower(p.sku())))
                .toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return all.stream().filter(p -> p.name() != null && containsWords(p.name(), n)).toList();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** True if every word of {@code mention} (singularized) is a word of {@code name}. */
    static boolean containsWords(String name, String mention) {
        List<String> words = List.of(singularWords(name));
        for (String w : singularWords(mention)) {
            if (!words.contains(w)) {
                return false;
            }
        }
        return singularWords(mention).length > 0;
    }

    private static String[] singularWords(String s) {
        return java.util.Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w
                .isEmpty()).map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0,
                w.length() - 1) : w).toArray(String[]::new);
    }

    /** Closes the graph (not the CRM nor the checkpointer). */
    @Override
    public void close() {
        graph.close();
    }

    /** Builder of {@link SalesOrderTransactions}. */
    public static final class Builder {
        private CrmClient crm;
        private QueryRouter router;
        private Checkpointer checkpointer;
        private Clock clock = Clock.systemUTC();
        private TransactionPolicy policy = TransactionPolicy.defaults();
        private Consumer<TransactionView> recorder = v -> { };

        private Builder() {
        }

        /**
         * The CRM to validate against and submit to (required).
         *
         * @param crm the CRM; not closed by {@link SalesOrderTransactions#close()}
         * @return this builder
         * @throws NullPointerException if {@code crm} is null
         */
        public Builder crm(CrmClient crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
            return this;
        }

        /**
         * The router that extracts drafts from words (required; e.g. the command center's rules router).
         *
         * @param router its {@code customer}, {@code product}, {@code quantity} and {@code unit_price} entities make
         *               the draft's first line
         * @return this builder
         * @throws NullPointerException if {@code router} is null
         */
        public Builder router(QueryRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Where transactions live (required; share a JDBC checkpointer across instances).
         *
         * @param checkpointer the graph runtime's checkpointer; not closed by {@link SalesOrderTransactions#close()}
         * @return this builder
         * @throws NullPointerException if {@code checkpointer} is null
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
            return this;
        }

        /**
         * The graph runtime's clock (checkpoint timestamps); default the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The checks; default {@link TransactionPolicy#defaults()}.
         *
         * @param policy price tolerance, inventory and credit checks
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder policy(TransactionPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Called once per recorded submission, inside the {@code record} node (a failure fails the run, and the next
         * {@link SalesOrderTransactions#approve} records again; the order is not created twice).
         *
         * @param recorder receives the {@code SUBMITTED} view with the CRM's order id; default does nothing
         * @return this builder
         * @throws NullPointerException if {@code recorder} is null
         */
        public Builder recorder(Consumer<TransactionView> recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /**
         * Builds it.
         *
         * @return the transactions service (compiles the graph; reads nothing yet)
         * @throws NullPointerException if CRM, router or checkpointer is missing
         */
        public SalesOrderTransactions build() {
            Objects.requireNonNull(checkpointer, "checkpointer");
            return new SalesOrderTransactions(this);
        }
    }
}
