package dev.salesagent.server.platform.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6 digits, accepting the
 * previous and next step for clock drift — the settings every authenticator app uses.
 */
@Component
public class Totp {

    /** Length of a step in seconds. */
    public static final int STEP_SECONDS = 30;
    /** Digits of a code. */
    public static final int DIGITS = 6;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new 160-bit secret, Base32 without padding (as authenticator apps take it). */
    public String newSecret() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return new Base32().encodeToString(bytes).replace("=", "");
    }

    /** The {@code otpauth://} URI an authenticator app reads from a QR code. */
    public static String uri(String issuer, String account, String secret) {
        String enc = java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        String acc = java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + enc + ":" + acc + "?secret=" + secret + "&issuer=" + enc + "&algorithm=SHA1&digits="
                + DIGITS + "&period=" + STEP_SECONDS;
    }

    /**
     * Checks a code against the current step and its neighbours.
     *
     * @param secret Base32 secret
     * @param code the six digits the user typed
     * @param lastStep the step of the last accepted code, or -1; a code of that step or earlier is refused (replay)
     * @return the step the code belongs to when accepted, empty when refused
     */
    public OptionalLong verify(String secret, String code, long lastStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / STEP_SECONDS;
        byte[] key = new Base32().decode(secret);
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > lastStep && code(key, step).equals(code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The code of a Base32 secret at a time step (what an authenticator app shows).
     *
     * @param secret Base32 secret
     * @param step seconds since the epoch divided by {@value #STEP_SECONDS}
     * @return six digits
     */
    public static String codeAt(String secret, long step) {
        return code(new Base32().decode(secret), step);
    }

    /** The code of a step (RFC 4226 section 5.3 dynamic truncation). */
    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }
}
