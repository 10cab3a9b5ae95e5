package dev.salesagent.server.command.live;

import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Permission;
import dev.salesagent.server.platform.user.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Maps {@code WS /ws/dashboard}. The handshake authenticates like the API: an access token of this server (as the
 * {@code access_token} query parameter, since browsers cannot set headers on a WebSocket, or as
 * {@code Authorization: Bearer}) verified by the platform's {@link JwtDecoder}; the user is reloaded (disabled users
 * and suspended tenants are refused) and must hold {@code dashboard:read}. Refused handshakes answer 401 or 403; an
 * accepted connection is bound to the user's tenant.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class DashboardSocketConfiguration implements WebSocketConfigurer {

    private final DashboardFeed feed;
    private final JwtDecoder decoder;
    private final UserStore users;

    DashboardSocketConfiguration(DashboardFeed feed, JwtDecoder decoder, UserStore users) {
        this.feed = feed;
        this.decoder = decoder;
        this.users = users;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(feed, "/ws/dashboard").addInterceptors(new TokenHandshake())
                .setAllowedOriginPatterns("*");
    }

    private final class TokenHandshake implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                       WebSocketHandler handler, Map<String, Object> attributes) {
            Optional<CurrentUser> user = token(request).flatMap(this::user);
            if (user.isEmpty()) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            if (user.get().tenantSuspended() || !user.get().can(Permission.DASHBOARD_READ)) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            attributes.put(DashboardFeed.TENANT, user.get().tenantId());
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
            // nothing to do
        }

        private Optional<String> token(ServerHttpRequest request) {
            String query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams()
                    .getFirst("access_token");
            if (query != null && !query.isBlank()) {
                return Optional.of(query);
            }
            String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(header.substring(7).trim());
            }
            return Optional.empty();
        }

        private Optional<CurrentUser> user(String token) {
            try {
                Jwt jwt = decoder.decode(token);
                UUID userId = UUID.fromString(jwt.getSubject());
                return users.principal(userId).filter(u -> u.tenantId().toString()
                        .equals(jwt.getClaimAsString("tid")));
            } catch (JwtException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
