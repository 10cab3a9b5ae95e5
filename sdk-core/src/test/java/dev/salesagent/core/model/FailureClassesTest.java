package dev.salesagent.core.model;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelCallException.Reason;
import dev.salesagent.core.model.internal.Failures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every LangChain4j exception type (and HTTP status, as LangChain4j's own HTTP clients raise it) mapped to what the
 * router does: retry on the same endpoint, fail over, fail fast, count against the circuit breaker, write a usage
 * record. Each row is checked in the classifier and end to end through a router of two endpoints.
 */
class FailureClassesTest {

    private static final Clock CLOCK = Clock.systemUTC();

    /** What the router does with a failure. */
    enum Action { RETRY_THEN_FAIL_OVER, FAIL_OVER, FAIL_FAST, FAIL_FAST_UNSENT }

    static Stream<Arguments> table() {
        return Stream.of(
                // exception                                                          reason            action                       breaker
                row(() -> new RateLimitException("slow down"), Reason.RATE_LIMITED, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new InternalServerException("boom"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new TimeoutException("read timed out"), Reason.TIMEOUT, Action.FAIL_OVER, true),
                row(() -> new RetriableException("flaky"), Reason.UNKNOWN, Action.FAIL_OVER, true),
                row(() -> new LangChain4jException("odd"), Reason.UNKNOWN, Action.FAIL_OVER, true),
                row(() -> new NonRetriableException("odd"), Reason.UNKNOWN, Action.FAIL_OVER, true),
                row(() -> new ToolArgumentsException("bad tool arguments"), Reason.UNKNOWN, Action.FAIL_OVER, true),
                row(() -> new ToolExecutionException("tool failed"), Reason.UNKNOWN, Action.FAIL_OVER, true),
                row(() -> new UnresolvedModelServerException("unknown host"), Reason.CONNECTION, Action.FAIL_OVER, true),
                row(() -> new RuntimeException(new ConnectException("refused")), Reason.CONNECTION, Action.FAIL_OVER, true),
                row(() -> new RuntimeException(new SocketTimeoutException("read")), Reason.TIMEOUT, Action.FAIL_OVER, true),
                row(() -> new RuntimeException(new IOException("reset")), Reason.CONNECTION, Action.FAIL_OVER, true),
                // a body cut short after the status line (OkHttp: "unexpected end of stream"), not a connection failure
                row(() -> new LangChain4jException("truncated", new java.net.ProtocolException("unexpected end of stream")),
                        Reason.PROTOCOL_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new AuthenticationException("bad key"), Reason.AUTHENTICATION, Action.FAIL_FAST, false),
                row(() -> new ModelNotFoundException("no such model"), Reason.NOT_FOUND, Action.FAIL_FAST, false),
                row(() -> new ContentFilteredException("filtered"), Reason.INVALID_REQUEST, Action.FAIL_FAST, false),
                row(() -> new InvalidRequestException(new HttpException(400, "bad temperature")),
                        Reason.INVALID_REQUEST, Action.FAIL_FAST, false),
                // raised before the request is sent: the caller's mistake
                row(() -> new UnsupportedFeatureException("topK is not supported by OpenAI"),
                        Reason.REJECTED_BEFORE_SEND, Action.FAIL_FAST_UNSENT, false),
                row(() -> new InvalidRequestException("messages must not be empty"),
                        Reason.REJECTED_BEFORE_SEND, Action.FAIL_FAST_UNSENT, false),
                row(() -> new IllegalArgumentException("temperature must be between 0 and 2"),
                        Reason.REJECTED_BEFORE_SEND, Action.FAIL_FAST_UNSENT, false),
                row(() -> new RuntimeException(new JsonGenerationException("cannot write", (com.fasterxml.jackson.core.JsonGenerator) null)),
                        Reason.REJECTED_BEFORE_SEND, Action.FAIL_FAST_UNSENT, false),
                row(() -> new RuntimeException(InvalidDefinitionException.from((com.fasterxml.jackson.core.JsonGenerator) null,
                        "no serializer", (com.fasterxml.jackson.databind.JavaType) null)),
                        Reason.REJECTED_BEFORE_SEND, Action.FAIL_FAST_UNSENT, false),
                // HTTP statuses as LangChain4j's HTTP clients raise them
                row(() -> new HttpException(400, "{\"error\":{\"message\":\"bad\"}}"), Reason.INVALID_REQUEST, Action.FAIL_FAST, false),
                row(() -> new HttpException(400, "maximum context length is 128000 tokens"), Reason.CONTEXT_LENGTH, Action.FAIL_OVER, false),
                row(() -> new HttpException(401, "unauthorized"), Reason.AUTHENTICATION, Action.FAIL_FAST, false),
                row(() -> new HttpException(403, "forbidden"), Reason.AUTHENTICATION, Action.FAIL_FAST, false),
                row(() -> new HttpException(404, "not found"), Reason.NOT_FOUND, Action.FAIL_FAST, false),
                row(() -> new HttpException(408, "timeout"), Reason.TIMEOUT, Action.FAIL_OVER, true),
                row(() -> new HttpException(413, "too large"), Reason.INVALID_REQUEST, Action.FAIL_FAST, false),
                row(() -> new HttpException(422, "unprocessable"), Reason.INVALID_REQUEST, Action.FAIL_FAST, false),
                row(() -> new HttpException(429, "rate limited"), Reason.RATE_LIMITED, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new HttpException(500, "error"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new HttpException(502, "bad gateway"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new HttpException(503, "unavailable"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new HttpException(504, "gateway timeout"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true),
                row(() -> new HttpException(529, "overloaded"), Reason.SERVER_ERROR, Action.RETRY_THEN_FAIL_OVER, true));
    }

    private static Arguments row(Supplier<RuntimeException> error, Reason reason, Action action, boolean breaker) {
        return arguments(error, reason, action, breaker);
    }

    @ParameterizedTest(name = "[{index}] {1} -> {2}, breaker {3}")
    @MethodSource("table")
    void classifierAndRouterAgree(Supplier<RuntimeException> error, Reason reason, Action action, boolean breaker) {
        Failures.Failure f = Failures.classify(error.get(), CLOCK);
        assertThat(f.reason()).isEqualTo(reason);
        assertThat(Failures.countsAgainstBreaker(reason)).isEqualTo(breaker);
        assertThat(Failures.retriesOnSameEndpoint(reason)).isEqualTo(action == Action.RETRY_THEN_FAIL_OVER);
        assertThat(Failures.failsOver(reason))
                .isEqualTo(action == Action.RETRY_THEN_FAIL_OVER || action == Action.FAIL_OVER);
        assertThat(Failures.wasSent(reason)).isEqualTo(action != Action.FAIL_FAST_UNSENT);

        // end to end: endpoint "a" always fails this way, "b" (larger context window) answers
        StubChatModel failing = new StubChatModel("a", error);
        StubChatModel healthy = new StubChatModel("b");
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().sleeper(d -> { }).maxAttemptsPerEndpoint(2).costTracker(tracker)
                .priceTable(PriceTable.of(ModelPrice.of("test", "a", "1", "2"), ModelPrice.of("test", "b", "1", "2")))
                .endpoint(ModelEndpoint.of("a", "test", "a", ModelTier.ECONOMY, 100_000, failing))
                .endpoint(ModelEndpoint.of("b", "test", "b", ModelTier.ECONOMY, 200_000, healthy))
                .build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).build();

        Throwable thrown = catchThrowable(() -> router.chat(request));

        int expectedCalls = action == Action.RETRY_THEN_FAIL_OVER ? 2 : 1;
        assertThat(failing.calls).hasValue(expectedCalls);
        List<UsageRecord> records = tracker.store().find(UsageStore.Query.all());
        switch (action) {
            case RETRY_THEN_FAIL_OVER, FAIL_OVER -> {
                assertThat(thrown).isNull();
                assertThat(healthy.calls).hasValue(1);
                assertThat(records).hasSize(expectedCalls + 1);
            }
            case FAIL_FAST -> {
                assertThat(thrown).isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
                assertThat(healthy.calls).hasValue(0);
                assertThat(records).hasSize(1).allSatisfy(r ->
                        assertThat(r.outcome()).isEqualTo(UsageRecord.Outcome.FAILURE));
            }
            case FAIL_FAST_UNSENT -> {
                // the caller gets LangChain4j's (or Jackson's) own exception, untouched
                assertThat(thrown).isNotNull().isNotInstanceOf(ModelCallException.class);
                assertThat(healthy.calls).hasValue(0);
                assertThat(records).isEmpty();
            }
        }
        EndpointStatus a = router.endpointStatus().get(0);
        assertThat(a.failedCalls()).isEqualTo(breaker ? expectedCalls : 0);
    }
}
