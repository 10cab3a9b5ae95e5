package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.hubspot.HubSpotWebhookVerifier.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Test vectors were computed outside Java with
 * {@code printf '%s' "$METHOD$URI$BODY$TS" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64},
 * following HubSpot's documented v3 algorithm (URI with the listed percent-encodings decoded).
 */
class HubSpotWebhookVerifierTest {

    static final String SECRET = "my-app-secret-7f3a";
    static final String BODY = "[{\"eventId\":100,\"subscriptionId\":5,\"portalId\":62515,\"appId\":1160452,"
            + "\"occurredAt\":1763690000000,\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,"
            + "\"objectId\":123,\"propertyName\":\"email\",\"propertyValue\":\"ada@example.com\",\"changeSource\":\"CRM_UI\"}]";
    static final String TS = "1763690100000";
    static final String URI = "https://example.com/hubspot/webhook";
    static final String SIG = "8txzWXo3RoI4anCGsY1fdLJ4PG5lPMe3tz0vxpSyuEs=";
    /** Sent URI has %3A %2F %40 encoded (decoded before signing) and %20 (left as is). */
    static final String ENCODED_URI =
            "https://example.com/hubspot/webhook?redirect=https%3A%2F%2Fapp.example.com%2Fx%40y&name=a%20b";
    static final String ENCODED_SIG = "hZjxW0c9gZJP8or/y/LyTBni8zp87X6Msg5o3KQw1WM=";

    final Clock oneMinuteLater = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(TS)).plusSeconds(60), ZoneOffset.UTC);
    final HubSpotWebhookVerifier verifier = HubSpotWebhookVerifier.of(SECRET, oneMinuteLater, Duration.ofMinutes(5));

    @Test
    @DisplayName("a request signed as documented verifies")
    void valid() {
        assertThat(verifier.verify("POST", URI, BODY, SIG, TS)).isEqualTo(Result.VALID);
        assertThat(verifier.sign("POST", URI, BODY, TS)).isEqualTo(SIG);
    }

    @Test
    @DisplayName("a tampered body is rejected")
    void tamperedBody() {
        String tampered = BODY.replace("ada@example.com", "eve@example.com");
        assertThat(verifier.verify("POST", URI, tampered, SIG, TS)).isEqualTo(Result.INVALID_SIGNATURE);
    }

    @Test
    @DisplayName("a signature made with another secret is rejected")
    void wrongSecret() {
        HubSpotWebhookVerifier other = HubSpotWebhookVerifier.of("another-secret", oneMinuteLater, Duration.ofMinutes(5));
        assertThat(other.verify("POST", URI, BODY, SIG, TS)).isEqualTo(Result.INVALID_SIGNATURE);
    }

    @Test
    @DisplayName("a timestamp older than five minutes is rejected even with a correct signature")
    void staleTimestamp() {
        Clock sixMinutesLater = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(TS)).plusSeconds(301), ZoneOffset.UTC);
        HubSpotWebhookVerifier late = HubSpotWebhookVerifier.of(SECRET, sixMinutesLater, Duration.ofMinutes(5));
        assertThat(late.verify("POST", URI, BODY, SIG, TS)).isEqualTo(Result.STALE_TIMESTAMP);
    }

    @Test
    @DisplayName("URL-encoded characters listed by HubSpot are decoded before signing; others are kept")
    void urlEncodedQuery() {
        assertThat(verifier.verify("POST", ENCODED_URI, BODY, ENCODED_SIG, TS)).isEqualTo(Result.VALID);
        assertThat(HubSpotWebhookVerifier.decodeUri(ENCODED_URI))
                .isEqualTo("https://example.com/hubspot/webhook?redirect=https://app.example.com/x@y&name=a%20b");
        // the same signature does not match the URI with the query removed
        assertThat(verifier.verify("POST", URI, BODY, ENCODED_SIG, TS)).isEqualTo(Result.INVALID_SIGNATURE);
    }

    @Test
    @DisplayName("method is part of the signed string")
    void methodMatters() {
        assertThat(verifier.verify("PUT", URI, BODY, SIG, TS)).isEqualTo(Result.INVALID_SIGNATURE);
    }

    @Test
    @DisplayName("missing or non-numeric headers are reported, not thrown")
    void missingHeaders() {
        assertThat(verifier.verify("POST", URI, BODY, null, TS)).isEqualTo(Result.MISSING_OR_MALFORMED_HEADERS);
        assertThat(verifier.verify("POST", URI, BODY, SIG, "yesterday")).isEqualTo(Result.MISSING_OR_MALFORMED_HEADERS);
        assertThatThrownBy(() -> HubSpotWebhookVerifier.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the event array parses into typed events")
    void parsesEvents() {
        String body = "[" + BODY.substring(1, BODY.length() - 1) + ","
                + "{\"eventId\":101,\"subscriptionId\":6,\"portalId\":62515,\"appId\":1160452,\"occurredAt\":1763690000500,"
                + "\"subscriptionType\":\"object.creation\",\"objectTypeId\":\"0-3\",\"objectId\":987,\"attemptNumber\":2}]";
        List<HubSpotWebhookEvent> events = HubSpotWebhookVerifier.parseEvents(body);
        assertThat(events).hasSize(2);
        HubSpotWebhookEvent change = events.get(0);
        assertThat(change.objectType()).isEqualTo("contact");
        assertThat(change.eventType()).isEqualTo("propertyChange");
        assertThat(change.isPropertyChange()).isTrue();
        assertThat(change.objectId()).isEqualTo("123");
        assertThat(change.propertyName()).isEqualTo("email");
        assertThat(change.propertyValue()).isEqualTo("ada@example.com");
        assertThat(change.occurredAt()).isEqualTo(Instant.ofEpochMilli(1763690000000L));
        HubSpotWebhookEvent created = events.get(1);
        assertThat(created.objectType()).isEqualTo("deal");
        assertThat(created.eventType()).isEqualTo("creation");
        assertThat(created.attemptNumber()).isEqualTo(2);
        assertThatThrownBy(() -> HubSpotWebhookVerifier.parseEvents("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
