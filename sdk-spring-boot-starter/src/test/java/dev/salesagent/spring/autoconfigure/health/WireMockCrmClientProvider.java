package dev.salesagent.spring.autoconfigure.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.RetryPolicy;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test provider {@code test-http}: a products-only CRM whose calls go through the SPI's shared {@link CrmHttpClient}
 * to a WireMock server ({@code GET /products?q=..&limit=..}, {@code GET /products/{id}}). Registered in
 * {@code META-INF/services} of the test classpath, so the starter creates it exactly like a real adapter.
 */
public final class WireMockCrmClientProvider implements CrmClientProvider {

    /** Clients closed so far (to check the context closes them). */
    static final AtomicInteger CLOSED = new AtomicInteger();

    /** The configuration of the last client created (to check how properties become provider keys). */
    public static volatile CrmConfig lastConfig;

    /** The options of the last client created (to check what the starter hands providers). */
    public static volatile CrmClientOptions lastOptions;

    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("baseUrl", "base URL of the WireMock server"),
            ConfigKey.secret("accessToken", "bearer token"));

    @Override
    public String id() {
        return "test-http";
    }

    @Override
    public String description() {
        return "Products-only test CRM over HTTP";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        lastConfig = config;
        lastOptions = options;
        config.validate(id(), KEYS, CrmConfig.Check.uri("baseUrl"));
        CrmHttpClient http = CrmHttpClient.builder(id())
                .baseUrl(config.require("baseUrl"))
                .auth(AuthStrategy.bearer(config.require("accessToken")))
                .retry(RetryPolicy.builder().maxAttempts(1).build())
                .circuitBreaker(false)
                .meterRegistry(options.meterRegistry().orElse(null))
                .observationRegistry(options.observationRegistry().orElse(null))
                .clock(options.clock())
                .build();
        return new Client(http);
    }

    static final class Client extends AbstractCrmClient {
        private final CrmHttpClient http;

        Client(CrmHttpClient http) {
            super("test-http", Operations.builder().products(new Products(http)).build());
            this.http = http;
        }

        @Override
        protected void doClose() {
            http.close();
            CLOSED.incrementAndGet();
        }
    }

    record Products(CrmHttpClient http) implements ProductOperations {
        @Override
        public Optional<Product> findBySku(String sku) {
            return search(sku, PageRequest.first(1)).items().stream().filter(p -> sku.equals(p.sku())).findFirst();
        }

        @Override
        public Product get(String id) {
            return product(http.execute(CrmRequest.get("/products/" + id).operation("products.get").build()).json());
        }

        @Override
        public Page<Product> search(String text, PageRequest page) {
            JsonNode body = http.execute(CrmRequest.get("/products").query("q", text == null ? "" : text)
                    .query("limit", page.size()).operation("products.search").build()).json();
            List<Product> items = new ArrayList<>();
            body.path("results").forEach(n -> items.add(product(n)));
            return Page.last(items);
        }

        private static Product product(JsonNode n) {
            return Product.builder().id(new CrmId("test-http", n.path("id").asText())).sku(n.path("sku").asText())
                    .name(n.path("name").asText()).build();
        }
    }
}
