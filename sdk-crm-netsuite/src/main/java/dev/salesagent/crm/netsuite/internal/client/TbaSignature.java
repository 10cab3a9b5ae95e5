package dev.salesagent.crm.netsuite.internal.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * NetSuite Token-Based Authentication: an OAuth 1.0a {@code Authorization} header signed with
 * HMAC-SHA256 as specified by RFC 5849 section 3.4 and NetSuite's
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html">authorization header</a> page.
 *
 * <p>The signature base string is {@code METHOD&enc(base URL)&enc(normalized parameters)} where the parameters are
 * the request's query parameters plus every {@code oauth_*} protocol parameter except {@code oauth_signature} and
 * {@code realm}, each percent-encoded (RFC 5849 3.6) and sorted by name then value. The key is
 * {@code enc(consumerSecret)&enc(tokenSecret)}. JSON bodies are not part of the signature (only form bodies are, and
 * this adapter never sends one to a signed endpoint). HMAC-SHA1 is deliberately not offered.
 */
public final class TbaSignature {

    /** The only signature method offered. */
    public static final String SIGNATURE_METHOD = "HMAC-SHA256";

    private final String consumerKey;
    private final String consumerSecret;
    private final String tokenId;
    private final String tokenSecret;
    private final String realm;

    /**
     * @param realm the account id in upper case with {@code _} (e.g. {@code 1234567_SB1})
     */
    public TbaSignature(String consumerKey, String consumerSecret, String tokenId, String tokenSecret, String realm) {
        this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
        this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.tokenSecret = Objects.requireNonNull(tokenSecret, "tokenSecret");
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    /**
     * The complete {@code Authorization} header value for one request.
     *
     * @param method    HTTP method, e.g. {@code GET}
     * @param url       the full request URL including query parameters
     * @param nonce     a fresh random value per request
     * @param timestamp seconds since the epoch
     */
    public String authorizationHeader(String method, HttpUrl url, String nonce, long timestamp) {
        String signature = signature(method, url, nonce, timestamp);
        return "OAuth realm=\"" + encode(realm) + "\""
                + ", oauth_consumer_key=\"" + encode(consumerKey) + "\""
                + ", oauth_token=\"" + encode(tokenId) + "\""
                + ", oauth_signature_method=\"" + SIGNATURE_METHOD + "\""
                + ", oauth_timestamp=\"" + timestamp + "\""
                + ", oauth_nonce=\"" + encode(nonce) + "\""
                + ", oauth_version=\"1.0\""
                + ", oauth_signature=\"" + encode(signature) + "\"";
    }

    /** The Base64 signature (not yet percent-encoded) for one request. */
    public String signature(String method, HttpUrl url, String nonce, long timestamp) {
        String base = baseString(method, url, nonce, timestamp);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = encode(consumerSecret) + "&" + encode(tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** RFC 5849 3.4.1 signature base string. */
    public String baseString(String method, HttpUrl url, String nonce, long timestamp) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (int i = 0; i < url.querySize(); i++) {
            String value = url.queryParameterValue(i);
            params.add(Map.entry(encode(url.queryParameterName(i)), encode(value == null ? "" : value)));
        }
        params.add(Map.entry("oauth_consumer_key", encode(consumerKey)));
        params.add(Map.entry("oauth_nonce", encode(nonce)));
        params.add(Map.entry("oauth_signature_method", SIGNATURE_METHOD));
        params.add(Map.entry("oauth_timestamp", Long.toString(timestamp)));
        params.add(Map.entry("oauth_token", encode(tokenId)));
        params.add(Map.entry("oauth_version", "1.0"));
        params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder normalized = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p.getKey()).append('=').append(p.getValue());
        }
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUrl(url)) + "&" + encode(normalized.toString());
    }

    /** RFC 5849 3.4.1.2: lower-case scheme and host, port only when not the default, path, no query. */
    static String baseUrl(HttpUrl url) {
        StringBuilder sb = new StringBuilder();
        sb.append(url.scheme().toLowerCase(Locale.ROOT)).append("://").append(url.host().toLowerCase(Locale.ROOT));
        if (url.port() != HttpUrl.defaultPort(url.scheme())) {
            sb.append(':').append(url.port());
        }
        sb.append(url.encodedPath());
        return sb.toString();
    }

    /** RFC 5849 3.6 percent-encoding: unreserved characters stay, every other UTF-8 byte becomes %XX. */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
