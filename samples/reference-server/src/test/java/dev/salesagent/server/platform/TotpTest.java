package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.auth.Totp;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class TotpTest extends PlatformTestSupport {

    private static long step() {
        return Instant.now().getEpochSecond() / Totp.STEP_SECONDS;
    }

    private ResultActions tokenCall(String email, String code) throws Exception {
        return mvc.perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\""
                        + (code == null ? "" : ",\"totp_code\":\"" + code + "\"") + "}"));
    }

    private String enrolAndConfirm(Session s) throws Exception {
        String secret = read(mvc.perform(s.auth(post("/api/v1/me/totp"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.otpauth_uri").value(org.hamcrest.Matchers.startsWith("otpauth://totp/")))
                .andReturn(), "$.secret");
        mvc.perform(s.auth(post("/api/v1/me/totp/confirm")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"000000\"}")).andExpect(status().isBadRequest());
        mvc.perform(s.auth(post("/api/v1/me/totp/confirm")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + Totp.codeAt(secret, step()) + "\"}")).andExpect(status().isNoContent());
        return secret;
    }

    @Test
    @DisplayName("RFC 6238 test vector: SHA-1 secret 12345678901234567890 at T=59 s gives ...287082")
    void rfcVector() {
        String base32 = new org.apache.commons.codec.binary.Base32()
                .encodeToString("12345678901234567890".getBytes()).replace("=", "");
        assertThat(Totp.codeAt(base32, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.codeAt(base32, 1111111109L / 30)).isEqualTo("081804");
    }

    @Test
    @DisplayName("with TOTP on, log-in needs the current code, and a code works only once")
    void loginNeedsCode() throws Exception {
        Session owner = register("Totp Login");
        String secret = enrolAndConfirm(owner);
        tokenCall(owner.email(), null).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:totp-required"));
        tokenCall(owner.email(), Totp.codeAt(secret, step() + 100)) // a real code, of another hour
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:invalid-credentials"));
        String next = Totp.codeAt(secret, step() + 1);
        tokenCall(owner.email(), next).andExpect(status().isOk()).andExpect(jsonPath("$.access_token").isString());
        tokenCall(owner.email(), next).andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("TOTP is switched off with a current code, after which the password alone signs in")
    void disable() throws Exception {
        Session owner = register("Totp Disable");
        String secret = enrolAndConfirm(owner);
        mvc.perform(owner.auth(post("/api/v1/me/totp/disable")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + Totp.codeAt(secret, step() + 1) + "\"}")).andExpect(status().isNoContent());
        tokenCall(owner.email(), null).andExpect(status().isOk());
        Integer stored = jdbc.sql("select count(*) from app_user where id = ? and totp_secret is null")
                .param(owner.userId()).query(Integer.class).single();
        assertThat(stored).isEqualTo(1);
    }
}
