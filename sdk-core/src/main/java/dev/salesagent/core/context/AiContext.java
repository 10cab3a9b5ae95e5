package dev.salesagent.core.context;

import dev.salesagent.core.cost.CostScope;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Who a model call is made for: tenant, user and feature, plus the optional run it belongs to.
 *
 * <p>The context travels with every model call so that cost, budgets, rate limits and cache keys
 * are per tenant. It is immutable; the <em>current</em> context is bound to the calling thread with
 * {@link #makeCurrent()} (or {@link #run(Runnable)} / {@link #call(Supplier)}) and restored when
 * the returned {@link Scope} closes. Work handed to other threads keeps the context when wrapped
 * with {@link #wrap(Runnable)}, {@link #wrap(Callable)} or {@link #wrap(Executor)}.
 *
 * <p>A missing or blank tenant is the {@value #DEFAULT_TENANT} tenant: never a crash and never
 * another tenant's data.
 *
 * <pre>{@code
 * try (AiContext.Scope ignored = AiContext.builder().tenant("acme").user("u-42").feature("lead_scoring")
 *         .build().makeCurrent()) {
 *     router.chat(request); // billed to acme / lead_scoring
 * }
 * }</pre>
 */
public final class AiContext {

    /** The tenant used when none is given. */
    public static final String DEFAULT_TENANT = "default";

    private static final AiContext EMPTY = new AiContext(DEFAULT_TENANT, null, null, null, null, Map.of());
    private static final ThreadLocal<AiContext> CURRENT = new ThreadLocal<>();

    private final String tenant;
    private final String user;
    private final String feature;
    private final String runId;
    private final CostScope costScope;
    private final Map<String, String> attributes;

    private AiContext(String tenant, String user, String feature, String runId, CostScope costScope,
                      Map<String, String> attributes) {
        this.tenant = tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant;
        this.user = user;
        this.feature = feature;
        this.runId = runId;
        this.costScope = costScope;
        this.attributes = Map.copyOf(attributes);
    }

    /** {@return the context bound to the calling thread, or {@link #empty()} when none is bound; never null} */
    public static AiContext current() {
        AiContext c = CURRENT.get();
        return c == null ? EMPTY : c;
    }

    /** {@return the context of the default tenant with no user, feature, run or cost scope} */
    public static AiContext empty() {
        return EMPTY;
    }

    /** {@return a builder with every field unset (default tenant, no user, feature, run, cost scope or attributes)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a new builder pre-filled with this context's values; building it leaves this context unchanged} */
    public Builder toBuilder() {
        return new Builder().tenant(tenant).user(user).feature(feature).runId(runId).costScope(costScope)
                .attributes(attributes);
    }

    /** {@return the tenant id; {@value #DEFAULT_TENANT} when none was given; never null} */
    public String tenant() {
        return tenant;
    }

    /** {@return the end user the call is made for, or null} */
    public String user() {
        return user;
    }

    /** {@return the feature name used for tiering, caching and billing (e.g. {@code lead_scoring}), or null} */
    public String feature() {
        return feature;
    }

    /** {@return the id of the graph run the call belongs to, or null outside a run} */
    public String runId() {
        return runId;
    }

    /**
     * The cost scope of the enclosing unit of work (a graph run), or null. The model router reserves
     * each call's worst-case cost in it and records the actual usage there.
     *
     * @return the run's cost scope, or null when the call belongs to no budgeted unit of work
     */
    public CostScope costScope() {
        return costScope;
    }

    /** {@return free-form string attributes (e.g. a request id); an immutable map, never null} */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * {@return a copy of this context for another tenant}
     *
     * @param tenant the tenant id; null or blank for {@value #DEFAULT_TENANT}
     */
    public AiContext withTenant(String tenant) {
        return toBuilder().tenant(tenant).build();
    }

    /**
     * {@return a copy of this context for another end user}
     *
     * @param user the end user's id, or null for none
     */
    public AiContext withUser(String user) {
        return toBuilder().user(user).build();
    }

    /**
     * {@return a copy of this context for another feature}
     *
     * @param feature the feature name (e.g. {@code lead_scoring}), or null for none
     */
    public AiContext withFeature(String feature) {
        return toBuilder().feature(feature).build();
    }

    /**
     * Binds this context to the calling thread until the returned scope is closed, which restores
     * the context that was current before. Scopes must be closed in the reverse order of opening,
     * on the same thread.
     *
     * @return the scope to close (try-with-resources) to restore the previous context; closing does not throw
     */
    public Scope makeCurrent() {
        AiContext previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Runs the action with this context current, restoring the previous one afterwards.
     *
     * @param action the code to run on the calling thread; its exceptions propagate unchanged
     */
    public void run(Runnable action) {
        try (Scope ignored = makeCurrent()) {
            action.run();
        }
    }

    /**
     * Calls the supplier with this context current, restoring the previous one afterwards.
     *
     * @param <T> the supplier's result type
     * @param supplier the code to call on the calling thread; its exceptions propagate unchanged
     * @return what the supplier returned
     */
    public <T> T call(Supplier<T> supplier) {
        try (Scope ignored = makeCurrent()) {
            return supplier.get();
        }
    }

    /**
     * Wraps the action so that it runs, on whatever thread, with the context current now.
     *
     * @param action the action to run later, e.g. on an executor thread
     * @return a runnable that makes the captured context current, runs {@code action}, then restores the thread's
     *         previous context
     */
    public static Runnable wrap(Runnable action) {
        AiContext captured = current();
        return () -> captured.run(action);
    }

    /**
     * Wraps the callable so that it runs, on whatever thread, with the context current now.
     *
     * @param <T> the callable's result type
     * @param callable the task to call later, e.g. on an executor thread
     * @return a callable that makes the captured context current, calls {@code callable} (returning its result or
     *         throwing its exception), then restores the thread's previous context
     */
    public static <T> Callable<T> wrap(Callable<T> callable) {
        AiContext captured = current();
        return () -> {
            try (Scope ignored = captured.makeCurrent()) {
                return callable.call();
            }
        };
    }

    /**
     * {@return an executor that runs each task with the context that was current when the task was submitted}
     *
     * @param executor the executor that actually runs the tasks; not null
     * @throws NullPointerException if {@code executor} is null
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(wrap(task));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AiContext c && tenant.equals(c.tenant) && Objects.equals(user, c.user)
                && Objects.equals(feature, c.feature) && Objects.equals(runId, c.runId)
                && costScope == c.costScope && attributes.equals(c.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, user, feature, runId, attributes);
    }

    @Override
    public String toString() {
        return "AiContext[tenant=" + tenant + ", user=" + user + ", feature=" + feature + ", runId=" + runId + "]";
    }

    /** Restores the previous context when closed. Does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Builds an {@link AiContext}; every field is optional. */
    public static final class Builder {
        private String tenant;
        private String user;
        private String feature;
        private String runId;
        private CostScope costScope;
        private Map<String, String> attributes = Map.of();

        private Builder() {
        }

        /**
         * Tenant id; null or blank means {@value AiContext#DEFAULT_TENANT}.
         *
         * @param tenant the tenant id, e.g. a customer's account id; null or blank for the default tenant
         * @return this builder
         */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * Sets the end user the call is made for.
         *
         * @param user the end user's id, or null for none
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the feature used for tiering, caching and billing.
         *
         * @param feature the feature name, e.g. {@code lead_scoring}, or null for none
         * @return this builder
         */
        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        /**
         * Sets the graph run the calls belong to.
         *
         * @param runId the run id, or null outside a run
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Sets the cost scope that reserves and records each call's cost.
         *
         * @param costScope the run's scope, or null for none
         * @return this builder
         */
        public Builder costScope(CostScope costScope) {
            this.costScope = costScope;
            return this;
        }

        /**
         * Sets free-form string attributes (e.g. a request id).
         *
         * @param attributes the attributes, copied on build; null means none
         * @return this builder
         */
        public Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes == null ? Map.of() : attributes;
            return this;
        }

        /** {@return the immutable context} */
        public AiContext build() {
            return new AiContext(tenant, user, feature, runId, costScope, attributes);
        }
    }
}
