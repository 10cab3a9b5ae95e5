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
     * {@code name=value} and {@code "name": "value"} pairs whose name ends in a credential word, e.g. {@code api_key},
     * {@code clientSecret}, {@code OPENAI_API_KEY}, {@code oauth_token}, {@code tokenId}, {@code password}.
     */
    private static final Pattern PAIR = Pattern.compile(
            "(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*?)"
                    + "((?i:hapikey|api[_-]?key|access[_-]?key|private[_-]?key|secret|token|token[_-]?id|password|passwd|pwd"
                    + "|passphrase|signature|credentials?|session[_-]?id|auth|key))"
                    + "[\"']?\\s*[:=]\\s*"
                    + "(\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|'[^'\\r\\n]*'|[^\\s\"'&,;}\\])<>]+)");

    /** Long opaque values after a credential word and a space, e.g. {@code "token 2c5a9f..."}. */
    private static final Pattern WORD_THEN_VALUE = Pattern.compile(
            "(?i)\\b(?:token|secret|api key|password)\\s+((?=[A-Za-z0-9+/_-]*\\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{24,}=*)");

    private SecretDetector() {
    }

    static void find(String text, List<Finding> out) {
        group(HEADER, 1, text, out);
        group(BEARER, 1, text, out);
        group(JWT, 0, text, out);
        group(VENDOR_KEY, 0, text, out);
        group(URL_CREDENTIALS, 1, text, out);
        group(WORD_THEN_VALUE, 1, text, out);
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            if (!credentialName(m.group(1), m.group(2))) {
                continue;
            }
            int start = m.start(3);
            int end = m.end(3);
            char first = text.charAt(start);
            if ((first == '"' || first == '\'') && end - start >= 2) {
                start++;
                end--;
            }
            if (end > start && !text.startsWith(MASK, start)) {
                out.add(new Finding(start, end, PiiRedactor.Kind.SECRET, null, MASK));
            }
        }
    }

    /**
     * True when the credential word is a whole segment of the name: the name is the word, or the word follows a
     * separator, or it starts a camel-case segment ({@code clientSecret}). Rejects {@code monkey}, {@code turkey},
     * {@code max_tokens}.
     */
    private static boolean credentialName(String prefix, String word) {
        if (prefix.isEmpty()) {
            return true;
        }
        char last = prefix.charAt(prefix.length() - 1);
        if (last == '_' || last == '.' || last == '-') {
            return true;
        }
        char w = word.charAt(0);
        if (Character.isUpperCase(w) && Character.isLowerCase(last)) {
            return true;
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
