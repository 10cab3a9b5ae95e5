package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.netsuite.sim.NetSuiteSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulator trusting one M2M client and one TBA token, plus client configurations for both. */
final class NetSuiteFixture implements AutoCloseable {

    static final String CLIENT_ID = "a6f1c0e3b9d94b5e8c7f2d1a0b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    static final String CERTIFICATE_ID = "pvHJZk-siL5h1bm1pqypdH7dblr_ZYCE8gfODaKqAC4";
    static final String CONSUMER_KEY = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4";
    static final String CONSUMER_SECRET = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5";
    static final String TOKEN_ID = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc";
    static final String TOKEN_SECRET = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295";
    static final String ACCOUNT_ID = "1234567_SB1";
    static final KeyPair KEYS = generate();

    final NetSuiteSimulator sim;
    final long usd;
    final long eur;

    NetSuiteFixture() {
        this(java.time.Clock.systemUTC());
    }

    /** @param simulatorClock the simulator's clock (record timestamps, token expiry) */
    NetSuiteFixture(java.time.Clock simulatorClock) {
        sim = new NetSuiteSimulator(simulatorClock);
        sim.trustM2m(CLIENT_ID, CERTIFICATE_ID, (RSAPublicKey) KEYS.getPublic());
        sim.trustTba(CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET, ACCOUNT_ID);
        usd = sim.seedCurrency("USD", "US Dollar");
        eur = sim.seedCurrency("EUR", "Euro");
    }

    static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    Map<String, String> m2m() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accountId", ACCOUNT_ID);
        m.put("baseUrl", sim.baseUrl());
        m.put("clientId", CLIENT_ID);
        m.put("certificateId", CERTIFICATE_ID);
        m.put("privateKey", privateKeyPem());
        return m;
    }

    Map<String, String> tba() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accountId", ACCOUNT_ID);
        m.put("baseUrl", sim.baseUrl());
        m.put("authType", "tba");
        m.put("consumerKey", CONSUMER_KEY);
        m.put("consumerSecret", CONSUMER_SECRET);
        m.put("tokenId", TOKEN_ID);
        m.put("tokenSecret", TOKEN_SECRET);
        return m;
    }

    /** Fast deterministic retries: 4 attempts, 5 ms then doubling, no jitter. */
    static RetryPolicy fastRetries() {
        return RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50))
                .jitter(0).build();
    }

    NetSuiteCrmClient.Builder client(Map<String, String> config) {
        return NetSuiteCrmClient.builder(NetSuiteConfig.from(CrmConfig.of(config))).retryPolicy(fastRetries());
    }

    NetSuiteCrmClient m2mClient() {
        return client(m2m()).build();
    }

    @Override
    public void close() {
        sim.close();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
