package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.http.RequestSigner;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Request;

/**
 * Plugs {@link TbaSignature} into the shared HTTP support: every attempt (including retries) gets a fresh 20-character
 * nonce and the current timestamp, as NetSuite rejects a reused nonce.
 */
public final class TbaSigner implements RequestSigner {

    private static final char[] NONCE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final TbaSignature signature;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TbaSigner(TbaSignature signature, Clock clock) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Request sign(Request request) {
        String header = signature.authorizationHeader(request.method(), request.url(), nonce(),
                clock.instant().getEpochSecond());
        return request.newBuilder().header("Authorization", header).build();
    }

    private String nonce() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = NONCE_CHARS[random.nextInt(NONCE_CHARS.length)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "TbaSigner[HMAC-SHA256]";
    }
}
