package dev.salesagent.common.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The cases the issue names, pseudonyms, secrets masked whole, and the builder's validation. */
class PiiRedactorRulesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final PiiRedactor redactor = PiiRedactor.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            call 07700 900123                         | call ***** ****23
            call 0044 20 7946 0958                    | call **** ** **** **58
            Berlin 030 12345678                       | Berlin *** ******78
            renée.dupont@société.fr                   | r***@société.fr
            ivan@банк.рф                              | i***@банк.рф
            ivan@xn--80ab2al.xn--p1ai                 | i***@xn--80ab2al.xn--p1ai
            """)
    void catchesWhatTheIssueFoundLeaking(String input, String expected) {
        assertThat(redactor.redact(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            OPENAI_API_KEY=sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6Oo8Pl1M | OPENAI_API_KEY=[REDACTED]
            Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123_- | Authorization: [REDACTED]
            Proxy-Authorization: Basic dXNlcjpwYXNz                          | Proxy-Authorization: [REDACTED]
            https://bob:pa55word@db.example.com/x                            | https://bob:[REDACTED]@db.example.com/x
            key pat-na1-8f14e45f-ceea-467f-a5c6-5a3e7f0b3c21 ok               | key [REDACTED] ok
            sid=00D5g000004XXXXAAA!AQ8AQPvM4g1Ndu8xq7Aq2sh9P.nBAq            | sid=[REDACTED]
            """)
    void masksSecretsEntirely(String input, String expected) {
        assertThat(redactor.redact(input)).isEqualTo(expected);
    }

    @Test
    void pseudonymsAreConsistentAcrossSpellingsAndLines() {
        PiiRedactor tokens = PiiRedactor.builder().pseudonymKey(KEY).build();
        String a = tokens.redact("from Renee.Dupont@Société.fr call +44 20 7946 0958");
        String b = tokens.redact("to renee.dupont@xn--socit-esab.fr, phone 020 7946 0958");
        Pattern token = Pattern.compile("<(email|phone):[0-9a-f]{8}>");
        List<String> inA = token.matcher(a).results().map(r -> r.group()).toList();
        List<String> inB = token.matcher(b).results().map(r -> r.group()).toList();
        assertThat(inA).hasSize(2).isEqualTo(inB);
        assertThat(a).doesNotContain("Dupont").doesNotContain("7946");
        assertThat(tokens.redact(a)).as("idempotent").isEqualTo(a);
    }

    @Test
    void pseudonymsDependOnTheKeyAndNeverApplyToSecrets() {
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String line = "jane@acme.com password=hunter2";
        String one = PiiRedactor.builder().pseudonymKey(KEY).build().redact(line);
        String two = PiiRedactor.builder().pseudonymKey(otherKey).build().redact(line);
        assertThat(one).startsWith("<email:").endsWith("password=[REDACTED]");
        assertThat(two).startsWith("<email:").isNotEqualTo(one);
        assertThat(PiiRedactor.builder().pseudonymKey(KEY).pseudonymHexChars(16).build().redact("jane@acme.com"))
                .matches("<email:[0-9a-f]{16}>");
    }

    @Test
    void builderReportsBadValues() {
        assertThatThrownBy(() -> PiiRedactor.builder().phoneRegions("GB", "XX", "United Kingdom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[XX, United Kingdom]");
        assertThatThrownBy(() -> PiiRedactor.builder().pseudonymKey(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 8 bytes");
        assertThatThrownBy(() -> PiiRedactor.builder().pseudonymKeyBase64("not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> PiiRedactor.builder().pseudonymHexChars(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 4");
        assertThatThrownBy(() -> PiiRedactor.builder().kinds(EnumSet.noneOf(PiiRedactor.Kind.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nationalFormsFollowTheConfiguredRegions() {
        PiiRedactor usOnly = PiiRedactor.builder().phoneRegions("US").build();
        assertThat(usOnly.phoneRegions()).containsExactly("US");
        assertThat(usOnly.redact("Berlin 030 12345678")).isEqualTo("Berlin 030 12345678");
        assertThat(usOnly.redact("Berlin +49 30 12345678")).isEqualTo("Berlin +49 ** ******78");
        assertThat(PiiRedactor.builder().phoneRegions("de").build().redact("Berlin 030 12345678"))
                .isEqualTo("Berlin *** ******78");
    }

    @Test
    void defaultsKeepTheirShape() {
        assertThat(PiiRedactor.defaults().kinds()).containsExactlyInAnyOrder(PiiRedactor.Kind.values());
        assertThat(PiiRedactor.defaults().pseudonymising()).isFalse();
        assertThat(PiiRedactor.defaults().phoneRegions()).isEqualTo(PiiRedactor.DEFAULT_PHONE_REGIONS);
    }
}
