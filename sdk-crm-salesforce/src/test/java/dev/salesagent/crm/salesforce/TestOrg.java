package dev.salesagent.crm.salesforce;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated org plus a client talking to it through the JWT bearer flow. The RSA key pair is generated at runtime;
 * retries record their waits instead of sleeping.
 */
final class TestOrg implements AutoCloseable {

    static final String CLIENT_ID = "3MVG9-test-consumer-key";
    static final String USERNAME = "agent@salesagent.example";
    private static final KeyPair KEYS = generate();

    final SalesforceSimulator sim;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private SalesforceCrmClient client;

    TestOrg(boolean seed) {
        this(seed, false);
    }

    TestOrg(boolean seed, boolean multiCurrency) {
        sim = new SalesforceSimulator(java.time.Clock.systemUTC(), multiCurrency);
        if (seed) {
            sim.seedSampleData();
        }
        sim.registerJwtClient(CLIENT_ID, USERNAME, (RSAPublicKey) KEYS.getPublic());
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

    static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    Map<String, String> jwtConfig() {
        Map<String, String> m = new HashMap<>();
        m.put("clientId", CLIENT_ID);
        m.put("username", USERNAME);
        m.put("privateKey", privateKeyPem());
        m.put("loginUrl", sim.baseUrl());
        return m;
    }

    SalesforceCrmClient client() {
        if (client == null) {
            client = client(jwtConfig());
        }
        return client;
    }

    SalesforceCrmClient client(Map<String, String> config) {
        return SalesforceCrmClient.builder(SalesforceConfig.from(CrmConfig.of(config))).options(CrmClientOptions.builder().sleeper(waits::add).build()).build();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        sim.close();
    }
}
