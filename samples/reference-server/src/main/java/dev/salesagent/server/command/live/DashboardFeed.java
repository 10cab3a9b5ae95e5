package dev.salesagent.server.command.live;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WS /ws/dashboard}: pushes a tenant's live updates to that tenant's open dashboards, as JSON text messages
 * {@code {"type": "order.created" | "metrics.updated", "at": <ISO instant>, ...}}. Connections are authenticated and
 * bound to their tenant at the handshake ({@link DashboardSocketConfiguration}); a client sends nothing.
 * Updates are per instance: with several instances, each pushes what its own syncs, webhooks and transactions saw.
 */
@Component
public class DashboardFeed extends TextWebSocketHandler {

    /** Handshake attribute holding the connection's tenant id. */
    static final String TENANT = "salesagent.tenant";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final ConcurrentMap<UUID, Set<WebSocketSession>> sessions = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final Clock clock;

    DashboardFeed(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        UUID tenant = (UUID) session.getAttributes().get(TENANT);
        sessions.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet())
                .add(new ConcurrentWebSocketSessionDecorator(session, 5_000, 512 * 1024));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        UUID tenant = (UUID) session.getAttributes().get(TENANT);
        Set<WebSocketSession> open = sessions.get(tenant);
        if (open != null) {
            open.removeIf(s -> s.getId().equals(session.getId()));
        }
    }

    /**
     * Sends one message to every open dashboard of a tenant.
     *
     * @param tenantId the tenant
     * @param type     {@code order.created} or {@code metrics.updated}
     * @param fields   the message's other fields
     */
    public void publish(UUID tenantId, String type, Map<String, ?> fields) {
        Set<WebSocketSession> open = sessions.get(tenantId);
        if (open == null || open.isEmpty()) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("at", clock.instant().toString());
        message.putAll(fields);
        TextMessage text = new TextMessage(json.writeValueAsString(message));
        for (WebSocketSession s : open) {
            try {
                if (s.isOpen()) {
                    s.sendMessage(text);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("dashboard feed: dropping a closed connection", e);
                open.remove(s);
            }
        }
    }

    /** {@return how many dashboards of the tenant are connected to this instance} */
    public int connections(UUID tenantId) {
        Set<WebSocketSession> open = sessions.get(tenantId);
        return open == null ? 0 : open.size();
    }
}
