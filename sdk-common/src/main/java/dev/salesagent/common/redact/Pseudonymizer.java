package dev.salesagent.common.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms: {@code <kind:hex>}. Package-private; configured through
 * {@link PiiRedactor.Builder#pseudonymKey(byte[])}. Thread-safe: each call works on a clone of the initialised MAC.
 */
final class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac prototype;
    private final int hexChars;

    Pseudonymizer(byte[] key, int hexChars) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(this.key);
            this.prototype = mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
        this.hexChars = hexChars;
    }

    /** {@code <label:hex>} for the normalised value; the kind is part of the MAC input. */
    String token(PiiRedactor.Kind kind, String normalisedValue) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                mac = Mac.getInstance(ALGORITHM, prototype.getProvider());
                mac.init(key);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", ex);
            }
        }
        mac.update(kind.name().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(digest, 0, (hexChars + 1) / 2);
        return "<" + kind.label() + ":" + hex.substring(0, hexChars) + ">";
    }
}
