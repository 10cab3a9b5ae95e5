package dev.salesagent.common.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials and masks each one entirely with {@value #MASK}. Package-private engine of
 * {@link PiiRedactor.Kind#SECRET}.
 */
final class SecretDetector {

    static final String MASK = "[REDACTED]";

    /** Header values: the whole value after the colon (OAuth 1.0 and Digest parameters to the end of the line). */
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(?<![\\w-])(?:proxy-authorization|authorization|x-api-key|api-key|x-auth-token|x-goog-api-key"
                    + "|x-hubspot-api-key|ocp-apim-subscription-key)"
                    + "[\"']?\\s*[:=]\\s*[\"']?"
                    + "((?:oauth|digest)\\s[^\\r\\n]*"
                    + "|(?:(?:bearer|basic|token|negotiate|ntlm|apikey|sso-key|aws4-hmac-sha256)\\s+)?[^\\s\"',;}\\]]+)");

    /** A bearer token anywhere in prose or a dump, e.g. {@code "Bearer eyJ..."} without the header name. */
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{8,}=*)");

    /** JWS (three parts) and JWE (five parts), base64url; the header always starts {@code eyJ} ({@code {"}). */
    private static final Pattern JWT = Pattern.compile(
            "(?<![\\w-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?");

    /**
     * Vendor key formats: OpenAI ({@code sk-}, {@code sk-proj-}, {@code sk-svcacct-}, {@code sk-admin-}), Anthropic
     * ({@code sk-ant-api03-}, {@code sk-ant-admin01-}), HubSpot private-app tokens ({@code pat-na1-<uuid>}),
     * Salesforce session ids ({@code 00D<org id>!<token>}), AWS access key ids, Google API keys, Stripe secret and
     * restricted keys, GitHub and Slack tokens, PEM private keys.
     */
    private static final Pattern VENDOR_KEY = Pattern.compile(
            "(?<![\\w-])(?:"
                    + "sk-[A-Za-z0-9][A-Za-z0-9_-]{19,}"
                    + "|pat-[a-z]{2,4}\\d{1,2}-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    + "|00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}"
                    + "|(?:AKIA|ASIA)[0-9A-Z]{16}"
                    + "|AIza[0-9A-Za-z_-]{35}"
                    + "|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"
                    + "|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"
                    + ")(?![\\w-])");

    /** Passwords in URLs: {@code scheme://user:password@host}; the password is masked, the user stays. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@?#\\[\\]]+:([^\\s/@?#]+)@");

    /**
     * {@code name=value} and {@code "name": "value"} pairs; the name is checked in code to end in a credential word
     * ({@link #CREDENTIAL_WORDS}), e.g. {@code api_key}, {@code clientSecret}, {@code OPENAI_API_KEY},
     * {@code oauth_token}, {@code tokenId}, {@code password}.
     */
    private static final Pattern PAIR_VALUE = Pattern.compile(
            "\\s*(\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|'[^'\\r\\n]*'|[^\\s\"'&,;}\\])<>]+)");

    /** Lower-case credential words a pair's name may end with, longest first. */
    private static final List<String> CREDENTIAL_WORDS = List.of(
            "private_key", "private-key", "privatekey", "access_key", "access-key", "accesskey", "api_key", "api-key",
            "apikey", "hapikey", "passphrase", "credentials", "credential", "session_id", "session-id", "sessionid",
            "signature", "token_id", "token-id", "tokenid", "password", "passwd", "secret", "token", "auth", "pwd", "key");

    /** Long opaque values after a credential word and a space, e.g. {@code "token 2c5a9f..."}. */
    private static final Pattern WORD_THEN_VALUE = Pattern.compile(
            "(?i)\\b(?:token|secret|api key|password)\\s+((?=[A-Za-z0-9+/_-]*\\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{24,}=*)");

    private SecretDetector() {
    }

    /** Substrings at least one of which a vendor key contains; a text with none skips that pattern. */
    private static final List<String> VENDOR_MARKERS = List.of("sk-", "pat-", "00D", "AKIA", "ASIA", "AIza", "_live_",
            "_test_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "-----BEGIN");

    static void find(String text, List<Finding> out) {
        // cheap substring gates first: most log text holds no credential at all
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("authoriz") || lower.contains("api-key") || lower.contains("auth-token")
                || lower.contains("subscription-key")) {
            group(HEADER, 1, text, out);
        }
        if (lower.contains("bearer")) {
            group(BEARER, 1, text, out);
        }
        if (text.contains("eyJ")) {
            group(JWT, 0, text, out);
        }
        for (String marker : VENDOR_MARKERS) {
            if (text.contains(marker)) {
                group(VENDOR_KEY, 0, text, out);
                break;
            }
        }
        if (text.contains("://") && text.indexOf('@') >= 0) {
            group(URL_CREDENTIALS, 1, text, out);
        }
        if (lower.contains("token") || lower.contains("secret") || lower.contains("api key")
                || lower.contains("password")) {
            group(WORD_THEN_VALUE, 1, text, out);
        }
        findPairs(text, out);
    }

    /**
     * At each {@code :} or {@code =}, walks back over an optional quote and spaces to the name before it; when the
     * name ends in a credential word, masks the value after it (inside its quotes). Linear in the text.
     */
    private static void findPairs(String text, List<Finding> out) {
        Matcher value = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '=') {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
                j--;
            }
            if (j >= 0 && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
                j--;
            }
            int nameEnd = j + 1;
            while (j >= 0 && isNameChar(text.charAt(j))) {
                j--;
            }
            if (nameEnd - (j + 1) < 3 || !credentialName(text.substring(j + 1, nameEnd))) {
                continue;
            }
            if (value == null) {
                value = PAIR_VALUE.matcher(text);
            }
            value.region(i + 1, text.length());
            if (!value.lookingAt()) {
                continue;
            }
            int start = value.start(1);
            int end = value.end(1);
            char first = text.charAt(start);
            if ((first == '"' || first == '\'') && end - start >= 2) {
                start++;
                end--;
            }
            if (end > start && !text.startsWith(MASK, start)) {
                out.add(new Finding(start, end, PiiRedactor.Kind.SECRET, null, MASK));
            }
            i = Math.max(i, end - 1);
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /**
     * True when the name ends with a credential word that is a whole segment of it: the name is the word, or the word
     * follows a separator ({@code client_secret}, {@code x-api-key}), or it starts a camel-case segment
     * ({@code clientSecret}). Rejects {@code monkey}, {@code turkey}, {@code max_tokens}.
     */
    private static boolean credentialName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String word : CREDENTIAL_WORDS) {
            if (!lower.endsWith(word)) {
                continue;
            }
            int at = name.length() - word.length();
            if (at == 0) {
                return true;
            }
            char last = name.charAt(at - 1);
            if (last == '_' || last == '.' || last == '-') {
                return true;
            }
            if (Character.isUpperCase(name.charAt(at)) && Character.isLowerCase(last)) {
                return true;
            }
        }
        return false;
    }

    private static void group(Pattern pattern, int group, String text, List<Finding> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start(group);
            int end = m.end(group);
            if (end > start && !text.startsWith(MASK, start)) {
                out.add(new Finding(start, end, PiiRedactor.Kind.SECRET, null, MASK));
            }
        }
    }
}
