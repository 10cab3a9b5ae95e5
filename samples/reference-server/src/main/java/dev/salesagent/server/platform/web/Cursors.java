package dev.salesagent.server.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: {@code (created_at, id)} for entity lists and a sequence number for the audit trail,
 * base64url-encoded so that clients treat them as tokens.
 */
public final class Cursors {

    private Cursors() {
    }

    /** A position after the row {@code (createdAt, id)}. */
    public record Position(Instant createdAt, UUID id) {
    }

    /** Encodes a keyset position. */
    public static String encode(Instant createdAt, UUID id) {
        return b64(createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id);
    }

    /**
     * Decodes a keyset position; null stays null.
     *
     * @throws PlatformException (400) for a cursor this server did not make
     */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = unb64(cursor).split("\\.", 3);
            return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw PlatformException.badRequest("cursor is not valid");
        }
    }

    /** Encodes a sequence position. */
    public static String encodeSeq(long seq) {
        return b64(Long.toString(seq));
    }

    /**
     * Decodes a sequence position; null stays null.
     *
     * @throws PlatformException (400) for a cursor this server did not make
     */
    public static Long decodeSeq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(unb64(cursor));
        } catch (RuntimeException e) {
            throw PlatformException.badRequest("cursor is not valid");
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
