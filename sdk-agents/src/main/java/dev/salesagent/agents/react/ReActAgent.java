package dev.salesagent.agents.react;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.GraphInterrupt;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.Node;
import dev.salesagent.agents.graph.NodeContext;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.memory.MessageWindow;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.model.ModelCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ReAct loop (reason, act, observe) as a graph node and as a ready-made two-node graph: call the
 * model with the conversation and the tools; if it asks for tool calls, run them (several calls of
 * one turn in parallel), append their results as {@link ToolExecutionResultMessage}s and call the model
 * again; stop at a reply without tool calls or after {@code maxIterations} model calls (default 10).
 * Every model reply and observation is appended to the {@link #MESSAGES messages} key.
 *
 * <p>A tool that throws, or a tool name the agent does not know, becomes an observation starting
 * with {@code "Error: "} so the model can correct itself. Failures that another attempt by the model
 * cannot fix propagate instead and end the node: {@code BudgetExceededException}, authentication
 * failures (any exception class named {@code *AuthenticationException}, e.g. LangChain4j's or the CRM
 * SPI's, and {@code ModelCallException}s whose reason is {@code AUTHENTICATION}), graph interrupts
 * ({@link GraphInterrupt}), thread interruption and {@link Error}s, plus whatever
 * {@link Builder#propagate(Predicate)} adds. Model failures always propagate.
 *
 * <p>Parallel tool calls run on the builder's executor, else on a bounded pool the agent owns
 * (released by {@link #close()}); when that pool is busy the calling thread runs the call.
 *
 * <pre>{@code
 * ReActAgent agent = ReActAgent.builder().chatModel(router).tools(new CrmTools(crm)).maxIterations(5).build();
 * CompiledGraph g = agent.asGraph(CompileConfig.defaults());
 * RunResult r = g.invoke(Update.append(ReActAgent.MESSAGES, UserMessage.from("How many open deals has acme.com?")));
 * }</pre>
 */
public final class ReActAgent implements Node, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReActAgent.class);

    /** The conversation key: appending, LangChain4j chat messages. */
    public static final Key<List<ChatMessage>> MESSAGES = Key.appending("messages", ChatMessage.class);

    private final ChatModel model;
    private final Map<String, ToolSpecification> specs;
    private final Map<String, ToolHandler> handlers;
    private final Key<List<ChatMessage>> messages;
    private final int maxIterations;
    private final String systemPrompt;
    private final Executor executor;
    private final ThreadPoolExecutor ownPool;
    private final MessageWindow window;
    private final Predicate<Throwable> propagate;

    private ReActAgent(Builder b) {
        this.model = Objects.requireNonNull(b.model, "chatModel");
        this.specs = Map.copyOf(b.specs);
        this.handlers = Map.copyOf(b.handlers);
        this.messages = b.messages;
        this.maxIterations = b.maxIterations;
        this.systemPrompt = b.systemPrompt;
        this.ownPool = b.executor != null ? null : boundedPool(b.toolParallelism);
        this.executor = b.executor != null ? b.executor : ownPool;
        this.window = b.window;
        this.propagate = b.propagate;
    }

    private static ThreadPoolExecutor boundedPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> {
            Thread t = new Thread(r, "salesagent-react-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Shuts down the agent's own tool pool (not an executor given to the builder). Afterwards
     * parallel tool calls run one after another on the calling thread. Idempotent.
     */
    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.shutdown();
        }
    }

    /** {@return a new builder; a chat model is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the whole loop inside one node; the update appends every message of every iteration. */
    @Override
    public Update apply(AgentState state, NodeContext context) {
        List<ChatMessage> conversation = new ArrayList<>(prompt(state));
        List<ChatMessage> added = new ArrayList<>();
        for (int i = 0; i < maxIterations; i++) {
            AiMessage reply = callModel(conversation);
            conversation.add(reply);
            added.add(reply);
            if (!reply.hasToolExecutionRequests()) {
                break;
            }
            List<ToolExecutionResultMessage> observations = executeTools(reply.toolExecutionRequests());
            conversation.addAll(observations);
            added.addAll(observations);
        }
        return Update.of(messages, List.copyOf(added));
    }

    /**
     * The agent as a graph of two nodes, {@code agent} (one model call) and {@code tools} (runs the
     * requested calls), looping until the model stops asking for tools or {@code maxIterations} model
     * calls were made; every iteration is a super-step, so it is checkpointed and interruptible
     * (e.g. {@code interruptBefore("tools")} for human approval of tool calls).
     *
     * @param config compile settings (checkpointer, interrupts, ...) of the returned graph
     * @return the compiled two-node graph over {@link #MESSAGES} (or the builder's messages key)
     */
    public CompiledGraph asGraph(CompileConfig config) {
        Key<Integer> iterations = Key.of("react_iterations", Integer.class, 0);
        return StateGraph.of(messages, iterations)
                .addNode("agent", (s, c) -> {
                    AiMessage reply = callModel(prompt(s));
                    return Update.of(messages, List.<ChatMessage>of(reply)).and(iterations, s.get(iterations) + 1);
                })
                .addNode("tools", (s, c) -> {
                    AiMessage last = (AiMessage) s.get(messages).get(s.get(messages).size() - 1);
                    return Update.of(messages, List.copyOf(executeTools(last.toolExecutionRequests())));
                })
                .addEdge(StateGraph.START, "agent")
                .addConditionalEdges("agent", s -> {
                    List<ChatMessage> all = s.get(messages);
                    boolean wantsTools = all.get(all.size() - 1) instanceof AiMessage ai && ai.hasToolExecutionRequests();
                    return wantsTools && s.get(iterations) < maxIterations ? "tools" : "end";
                }, Map.of("tools", "tools", "end", StateGraph.END))
                .addEdge("tools", "agent")
                .compile(config);
    }

    /**
     * {@return the text of the last AI message without tool calls, if the conversation ended with an answer}
     *
     * @param conversation the conversation, oldest first
     */
    public static java.util.Optional<String> finalAnswer(List<ChatMessage> conversation) {
        if (!conversation.isEmpty() && conversation.get(conversation.size() - 1) instanceof AiMessage ai
                && !ai.hasToolExecutionRequests()) {
            return java.util.Optional.ofNullable(ai.text());
        }
        return java.util.Optional.empty();
    }

    private List<ChatMessage> prompt(AgentState state) {
        List<ChatMessage> history = state.get(messages);
        if (systemPrompt == null || (!history.isEmpty() && history.get(0) instanceof SystemMessage)) {
            return history;
        }
        List<ChatMessage> withSystem = new ArrayList<>(history.size() + 1);
        withSystem.add(SystemMessage.from(systemPrompt));
        withSystem.addAll(history);
        return withSystem;
    }

    private AiMessage callModel(List<ChatMessage> conversation) {
        ChatRequest.Builder request = ChatRequest.builder().messages(window == null ? conversation : window.trim(conversation));
        if (!specs.isEmpty()) {
            request.toolSpecifications(new ArrayList<>(specs.values()));
        }
        return model.chat(request.build()).aiMessage();
    }

    private List<ToolExecutionResultMessage> executeTools(List<ToolExecutionRequest> requests) {
        if (requests.size() == 1) {
            return List.of(executeTool(requests.get(0)));
        }
        Executor base = ownPool != null && ownPool.isShutdown() ? Runnable::run : executor;
        Executor withContext = AiContext.wrap(base);
        List<CompletableFuture<ToolExecutionResultMessage>> futures = new ArrayList<>();
        for (ToolExecutionRequest r : requests) {
            CompletableFuture<ToolExecutionResultMessage> f;
            try {
                f = CompletableFuture.supplyAsync(() -> executeTool(r), withContext);
            } catch (RejectedExecutionException full) {
                f = CompletableFuture.completedFuture(executeTool(r));
            }
            futures.add(f);
        }
        List<ToolExecutionResultMessage> out = new ArrayList<>(futures.size());
        for (CompletableFuture<ToolExecutionResultMessage> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        return out;
    }

    /** Failures no model retry can fix: they end the node instead of becoming an observation. */
    private boolean mustPropagate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BudgetExceededException || c instanceof GraphInterrupt || c instanceof InterruptedException
                    || c instanceof Error || c.getClass().getSimpleName().endsWith("AuthenticationException")
                    || (c instanceof ModelCallException m && m.reason() == ModelCallException.Reason.AUTHENTICATION)
                    || propagate.test(c)) {
                return true;
            }
        }
        return false;
    }

    /** Thrown for a checked failure that must end the node (e.g. {@link InterruptedException}). */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ToolExecutionFailure(t);
    }

    /** A checked tool failure that must not become an observation (e.g. the thread was interrupted). */
    public static final class ToolExecutionFailure extends RuntimeException {
        ToolExecutionFailure(Throwable cause) {
            super("Tool call ended the agent: " + cause, cause);
        }
    }

    private ToolExecutionResultMessage executeTool(ToolExecutionRequest request) {
        ToolHandler handler = handlers.get(request.name());
        if (handler == null) {
            return ToolExecutionResultMessage.from(request, "Error: unknown tool '" + request.name()
                    + "'. Available tools: " + String.join(", ", new java.util.TreeSet<>(handlers.keySet())));
        }
        try {
            String result = handler.execute(request);
            return ToolExecutionResultMessage.from(request, result == null ? "Success" : result);
        } catch (Exception e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            if (mustPropagate(cause)) {
                throw unchecked(cause);
            }
            LOG.debug("Tool {} failed: {}", request.name(), cause.toString());
            String msg = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            return ToolExecutionResultMessage.from(request, "Error: " + msg);
        }
    }

    /** Builds a {@link ReActAgent}. */
    public static final class Builder {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private ChatModel model;
        private final Map<String, ToolSpecification> specs = new LinkedHashMap<>();
        private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();
        private Key<List<ChatMessage>> messages = MESSAGES;
        private int maxIterations = 10;
        private String systemPrompt;
        private Executor executor;
        private MessageWindow window;
        private int toolParallelism = 4;
        private Predicate<Throwable> propagate = t -> false;

        private Builder() {
        }

        /**
         * Any LangChain4j chat model, e.g. sdk-core's {@code ModelRouter}. Required.
         *
         * @param model the chat model, not null
         * @return this builder
         */
        public Builder chatModel(ChatModel model) {
            this.model = model;
            return this;
        }

        /**
         * Adds every {@link Tool @Tool} method of each object. Arguments are bound from the call's JSON
         * by the order of the generated schema's properties (the method's parameter order).
         *
         * @param toolObjects objects with {@code @Tool}-annotated public methods
         * @return this builder
         */
        public Builder tools(Object... toolObjects) {
            for (Object o : toolObjects) {
                for (Method m : o.getClass().getMethods()) {
                    if (m.isAnnotationPresent(Tool.class)) {
                        ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(m);
                        tool(spec, reflective(o, m, spec));
                    }
                }
            }
            return this;
        }

        /**
         * Adds one tool by specification and handler.
         *
         * @param spec the tool's name, description and JSON schema of its arguments
         * @param handler runs a call and returns the observation text
         * @return this builder
         */
        public Builder tool(ToolSpecification spec, ToolHandler handler) {
            Objects.requireNonNull(spec, "spec");
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("Duplicate tool name '" + spec.name() + "'");
            }
            handlers.put(spec.name(), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * The conversation key; default {@link ReActAgent#MESSAGES}.
         *
         * @param key an appending key of chat messages
         * @return this builder
         */
        public Builder messagesKey(Key<List<ChatMessage>> key) {
            this.messages = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Max model calls per activation; default 10.
         *
         * @param n the maximum number of model calls, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1 but was " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /**
         * A system prompt prepended when the conversation does not start with a system message.
         *
         * @param prompt the system prompt text, or null for none
         * @return this builder
         */
        public Builder systemPrompt(String prompt) {
            this.systemPrompt = prompt;
            return this;
        }

        /**
         * Where parallel tool calls run (never shut down by the agent); default a bounded pool of the agent.
         *
         * @param executor the executor, or null for the agent's own pool
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Threads of the agent's own tool pool (when no executor is given); default 4.
         *
         * @param threads the pool size, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder toolParallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("toolParallelism must be >= 1 but was " + threads);
            }
            this.toolParallelism = threads;
            return this;
        }

        /**
         * Further tool failures that end the node instead of becoming an {@code "Error: "} observation
         * (in addition to budget, authentication, interrupt and {@link Error}s); tested on the failure and
         * each of its causes. Default none.
         *
         * @param failures true for a failure that must end the node
         * @return this builder
         */
        public Builder propagate(Predicate<Throwable> failures) {
            this.propagate = Objects.requireNonNull(failures, "failures");
            return this;
        }

        /**
         * Trims each prompt to a token window (system messages kept); default no trimming.
         *
         * @param window the window, or null for no trimming
         * @return this builder
         */
        public Builder messageWindow(MessageWindow window) {
            this.window = window;
            return this;
        }

        /**
         * Builds the agent.
         *
         * @return the agent
         * @throws NullPointerException if no chat model was set
         */
        public ReActAgent build() {
            return new ReActAgent(this);
        }

        private static ToolHandler reflective(Object target, Method method, ToolSpecification spec) {
            List<String> names = spec.parameters() == null ? List.of()
                    : new ArrayList<>(spec.parameters().properties().keySet());
            Parameter[] params = method.getParameters();
            return request -> {
                JsonNode args = request.arguments() == null || request.arguments().isBlank()
                        ? MAPPER.createObjectNode() : MAPPER.readTree(request.arguments());
                Object[] values = new Object[params.length];
                for (int i = 0; i < params.length; i++) {
                    JsonNode v = i < names.size() ? args.get(names.get(i)) : null;
                    JavaType type = MAPPER.getTypeFactory().constructType(params[i].getParameterizedType());
                    values[i] = v == null || v.isNull() ? null : MAPPER.convertValue(v, type);
                    if (values[i] == null && params[i].getType().isPrimitive()) {
                        throw new IllegalArgumentException("missing argument '" + (i < names.size() ? names.get(i) : "arg" + i) + "'");
                    }
                }
                Object result = method.invoke(target, values);
                if (method.getReturnType() == void.class) {
                    return "Success";
                }
                return result instanceof String s ? s : MAPPER.writeValueAsString(result);
            };
        }
    }
}
