package dev.salesagent.server.agentplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.server.agentplatform.AgentPlatformProperties;
import dev.salesagent.server.agentplatform.run.RunSignals;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.PlatformException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the LangGraph controllers share: the caller's tenant, id parsing, JSON answers, and the SSE stream of a run
 * read from {@code lg_run_event} (so a join or reconnection works on any instance).
 *
 * <p>SSE framing as the LangGraph API writes it ({@code event: <name>\ndata: <json>\nid: <seq>\n\n}); while the run
 * has nothing new, a {@code : heartbeat} comment every {@code salesagent.agentplatform.heartbeat} keeps proxies and the
 * client's idle detector ({@code idleReconnectStream} in {@code @langchain/langgraph-sdk}) informed.
 */
@Component
public class LangGraphHttp {

    /** Where the LangGraph Platform API is mounted; clients use it as their {@code apiUrl}. */
    public static final String BASE = "/api/v1/langgraph";

    private final RunStore runs;
    private final RunSignals signals;
    private final AgentPlatformProperties properties;

    LangGraphHttp(RunStore runs, RunSignals signals, AgentPlatformProperties properties) {
        this.runs = runs;
        this.signals = signals;
        this.properties = properties;
    }

    /** {@return the caller's tenant} */
    public static UUID tenant() {
        return PlatformAuthentication.require().tenantId();
    }

    /**
     * Parses a path id.
     *
     * @throws PlatformException 422 when it is not a UUID
     */
    public static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-id", "Invalid id",
                    what + " must be a UUID but was '" + value + "'");
        }
    }

    /** {@return a 200 JSON answer} */
    public static ResponseEntity<String> ok(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LangGraphJson.write(body));
    }

    /** {@return a JSON answer with a {@code Content-Location} header} */
    public static ResponseEntity<String> ok(Object body, String contentLocation) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Content-Location", contentLocation)
                .body(LangGraphJson.write(body));
    }

    /** {@return the path of a run relative to {@link #BASE}: {@code /threads/{t}/runs/{r}} (or {@code /runs/{r}})} */
    public static String runPath(UUID threadId, UUID runId) {
        return threadId == null ? "/runs/" + runId : "/threads/" + threadId + "/runs/" + runId;
    }

    /**
     * Opens an SSE answer: status 200, {@code text/event-stream}, {@code Content-Location} (the run, as the client's
     * {@code onRunCreated} reads it) and {@code Location} (the run's join stream, where the client reconnects with
     * {@code Last-Event-ID}).
     */
    public static void openSse(HttpServletResponse response, UUID threadId, UUID runId) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Content-Location", runPath(threadId, runId));
        if (threadId != null) {
            response.setHeader("Location", runPath(threadId, runId) + "/stream");
        }
        response.flushBuffer();
    }

    /**
     * Streams a run's events after {@code afterSeq} until the run has finished and every event was sent.
     *
     * @param cancelOnDisconnect whether a client that goes away cancels the run
     */
    public void stream(HttpServletResponse response, UUID tenantId, UUID runId, int afterSeq,
                       boolean cancelOnDisconnect) throws IOException {
        OutputStream out = response.getOutputStream();
        int last = afterSeq;
        long lastWrite = System.nanoTime();
        try {
            while (true) {
                List<RunStore.Event> events = runs.events(runId, last);
                for (RunStore.Event e : events) {
                    out.write(("event: " + e.event() + "\ndata: " + e.data() + "\nid: " + e.seq() + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    last = e.seq();
                }
                if (!events.isEmpty()) {
                    out.flush();
                    lastWrite = System.nanoTime();
                    continue;
                }
                java.util.Optional<RunStore.RunRow> run = runs.find(tenantId, runId);
                if (run.isEmpty()) {
                    return;
                }
                if (run.get().finished()) {
                    if (runs.events(runId, last).isEmpty()) {
                        return;
                    }
                    continue;
                }
                if (System.nanoTime() - lastWrite >= properties.heartbeat().toNanos()) {
                    out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                signals.awaitEvent(runId, properties.poll());
            }
        } catch (IOException gone) {
            if (cancelOnDisconnect) {
                runs.cancel(runId, "client disconnected");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return the {@code Last-Event-ID} as a sequence number, -1 (from the start) when absent or not a number} */
    public static int lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@return the poll interval of waits} */
    public java.time.Duration poll() {
        return properties.poll();
    }

    /** {@return whether a JSON flag (boolean, 1/0 or "true"/"false") is set} */
    public static boolean flag(JsonNode node) {
        return node != null && (node.asBoolean(false) || "1".equals(node.asText()));
    }
}
