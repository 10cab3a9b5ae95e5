package dev.salesagent.crm.memory;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Provider of the in-memory sandbox CRM, id {@value #ID}. Keys (all optional): {@code fixture} (path
 * of a JSON fixture to seed from, see {@link InMemoryCrmClient#load}), {@code sampleData}
 * ({@code true} seeds the bundled sample data, default {@code false}) and {@code maxBatchSize}
 * (default 100). Of the {@link CrmClientOptions} it uses the clock (for {@code createdAt}/{@code updatedAt}); it sends
 * no requests, so it reports no request metrics.
 */
public final class MemoryCrmClientProvider implements CrmClientProvider {

    /** The provider id, {@code memory}. */
    public static final String ID = "memory";

    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional("fixture", "path of a JSON fixture to seed accounts, contacts, opportunities, "
                    + "products, inventory and credit from", null),
            ConfigKey.optional("sampleData", "true to seed the bundled sample accounts, contacts, opportunities "
                    + "and products; default false", "false"),
            ConfigKey.optional("maxBatchSize", "records per batch call reported by maxBatchSize(), default 100",
                    Integer.toString(InMemoryCrmClient.DEFAULT_MAX_BATCH_SIZE)));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "In-memory sandbox CRM with every capability (data lives in the JVM)";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    /** @throws dev.salesagent.crm.CrmConfigurationException listing every malformed key */
    @Override
    public CrmClient create(CrmConfig config, CrmClientOptions options) {
        config.validate(ID, KEYS, CrmConfig.Check.integer("maxBatchSize"), CrmConfig.Check.bool("sampleData"),
                c -> c.get("maxBatchSize").filter(v -> v.matches("-?\\d+") && Long.parseLong(v) < 1)
                        .map(v -> "key 'maxBatchSize' must be positive but was '" + v + "'"),
                c -> c.get("fixture").filter(f -> !Files.isReadable(Path.of(f)))
                        .map(f -> "key 'fixture' names a file that cannot be read: '" + f + "'"));
        InMemoryCrmClient.Builder builder = InMemoryCrmClient.builder()
                .clock(options.clock())
                .maxBatchSize(config.getInt("maxBatchSize", InMemoryCrmClient.DEFAULT_MAX_BATCH_SIZE));
        if (config.getBoolean("sampleData", false)) {
            builder.sampleData();
        }
        Optional<String> fixture = config.get("fixture");
        fixture.ifPresent(f -> builder.fixture(Path.of(f)));
        return builder.build();
    }
}
