package dev.salesagent.server.command.readmodel;

import dev.salesagent.server.platform.web.PlatformException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursor over a {@code (sort value, CRM id)} pair (CRM ids are strings, not the platform's UUIDs),
 * base64url-encoded.
 *
 * @param sortValue the last row's sort value (an ISO date or a lower-cased name)
 * @param id        the last row's id
 */
public record KeysetCursor(String sortValue, String id) {

    /** {@return the opaque token} */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((sortValue + "\u0000" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a token; null or blank gives null.
     *
     * @param token the {@code cursor} parameter
     * @return the position, or null for the first page
     * @throws PlatformException (400) for a token this server did not make
     */
    public static KeysetCursor decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int cut = s.indexOf('\u0000');
            if (cut < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new KeysetCursor(s.substring(0, cut), s.substring(cut + 1));
        } catch (RuntimeException e) {
            throw PlatformException.badRequest("cursor is not valid");
        }
    }
}
