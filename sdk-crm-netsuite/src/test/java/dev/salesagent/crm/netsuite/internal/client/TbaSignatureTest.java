package dev.salesagent.crm.netsuite.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors for NetSuite TBA (OAuth 1.0a, HMAC-SHA256, RFC 5849). The expected base strings and signatures were
 * computed outside this code base with Python's {@code urllib.parse.quote(s, safe='-._~')}, {@code hmac} and
 * {@code hashlib.sha256} following RFC 5849 3.4.1 / 3.4.2 step by step, then pasted here.
 */
class TbaSignatureTest {

    private static final String CONSUMER_KEY = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4";
    private static final String CONSUMER_SECRET = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5";
    private static final String TOKEN_ID = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc";
    private static final String TOKEN_SECRET = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295";

    private final TbaSignature signature =
            new TbaSignature(CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET, "1234567_SB1");
    private final HttpUrl url = HttpUrl.get("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/"
            + "customer?q=companyName%20START_WITH%20%22A%26B%22&limit=10&offset=0");

    @Test
    @DisplayName("the base string sorts query and oauth parameters, encodes twice, and leaves out the realm")
    void baseString() {
        assertThat(signature.baseString("GET", url, "fjaLirsIcCGVZWzBX0pg", 1508242306L)).isEqualTo(
                "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer"
                        + "&limit%3D10%26oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae"
                        + "6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_tim"
                        + "estamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87"
                        + "569f5cc%26oauth_version%3D1.0%26offset%3D0%26q%3DcompanyName%2520START_WITH%2520%2522A%2526B%2522");
    }

    @Test
    @DisplayName("the HMAC-SHA256 signature matches the independently computed golden value")
    void signature() {
        assertThat(signature.signature("GET", url, "fjaLirsIcCGVZWzBX0pg", 1508242306L))
                .isEqualTo("uy/9B6e1BI3p4pBdsmygmDq12qdNYXFw6LMZtRtKLNc=");
    }

    @Test
    @DisplayName("the header carries the upper-case realm and the percent-encoded signature")
    void header() {
        String header = signature.authorizationHeader("GET", url, "fjaLirsIcCGVZWzBX0pg", 1508242306L);
        assertThat(header).startsWith("OAuth realm=\"1234567_SB1\", ")
                .contains("oauth_signature_method=\"HMAC-SHA256\"", "oauth_version=\"1.0\"",
                        "oauth_token=\"" + TOKEN_ID + "\"", "oauth_consumer_key=\"" + CONSUMER_KEY + "\"",
                        "oauth_signature=\"uy%2F9B6e1BI3p4pBdsmygmDq12qdNYXFw6LMZtRtKLNc%3D\"");
    }

    @Test
    @DisplayName("non-default ports stay in the base URL, and keys, secrets and values with reserved or non-ASCII"
            + " characters are encoded per RFC 5849 3.6")
    void encodingAndPort() {
        TbaSignature odd = new TbaSignature("ck-é~1", "cs&secret", "tok en", "ts/secret", "1234567");
        HttpUrl local = HttpUrl.get("http://localhost:8089/services/rest/query/v1/suiteql?limit=1000&offset=2000");
        assertThat(odd.baseString("post", local, "n0nce", 1700000000L)).isEqualTo(
                "POST&http%3A%2F%2Flocalhost%3A8089%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&limit%3D1000%26oauth_"
                        + "consumer_key%3Dck-%25C3%25A9~1%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256"
                        + "%26oauth_timestamp%3D1700000000%26oauth_token%3Dtok%2520en%26oauth_version%3D1.0%26offset"
                        + "%3D2000");
        assertThat(odd.signature("POST", local, "n0nce", 1700000000L))
                .isEqualTo("5lfYFsEUS2aLyayIlT/LrRnLWlSjHsgGXrLwDuZ1YlE=");
    }
}
