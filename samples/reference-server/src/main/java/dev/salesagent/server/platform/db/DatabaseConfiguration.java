package dev.salesagent.server.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.salesagent.server.platform.PlatformProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one {@link DataSource}: HikariCP over an external PostgreSQL when {@code salesagent.platform.db.url} is set,
 * otherwise over a PostgreSQL embedded in this process (zonky's binaries) with its data in
 * {@code salesagent.platform.data-dir}/postgres. Pool settings bind from {@code spring.datasource.hikari.*}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /**
     * The embedded PostgreSQL, or an inactive holder when an external database is configured. The server started in
     * the background by {@link EmbeddedDatabaseStart} (when the application was launched through its {@code main}) is
     * taken over here; otherwise it starts now.
     *
     * @throws UncheckedIOException if the embedded server cannot start
     */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PlatformProperties properties,
                                      ObjectProvider<EmbeddedDatabaseStart.Pending> background) {
        if (properties.db().external()) {
            return new EmbeddedDatabase(null);
        }
        Path dir = embeddedDirectory(properties);
        EmbeddedDatabaseStart.Pending pending = background.getIfAvailable();
        if (pending != null && pending.directory().equals(dir)) {
            return pending.claim();
        }
        return startEmbedded(dir, properties.db().cleanEmbedded());
    }

    /** Where the embedded server keeps its data: {@code salesagent.platform.data-dir}/postgres, absolute. */
    static Path embeddedDirectory(PlatformProperties properties) {
        return properties.dataDir().resolve("postgres").toAbsolutePath();
    }

    /**
     * Starts zonky's embedded PostgreSQL on data directory {@code dir} (running {@code initdb} when it is empty).
     *
     * @throws UncheckedIOException if it cannot start; the message names the directory and the settings to change
     */
    static EmbeddedDatabase startEmbedded(Path dir, boolean clean) {
        try {
            Files.createDirectories(dir.getParent());
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), dir,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir
                    + " (set SALESAGENT_DATA_DIR to a writable directory, or SALESAGENT_DB_URL to use an external one)", e);
        }
    }

    /**
     * The application's connection pool (settings from {@code spring.datasource.hikari.*}) behind the tenant scope:
     * connections borrowed by a tenant-authenticated request run under row-level security ({@link
     * TenantScopedDataSource}).
     */
    @Bean(destroyMethod = "close")
    TenantScopedDataSource dataSource(PlatformProperties properties, EmbeddedDatabase embedded,
                                      Environment environment) {
        HikariDataSource pool = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName("salesagent");
        if (properties.db().external()) {
            pool.setJdbcUrl(properties.db().url());
            pool.setUsername(properties.db().username());
            pool.setPassword(properties.db().password());
        } else {
            pool.setJdbcUrl(embedded.postgres().getJdbcUrl("postgres", "postgres"));
            pool.setUsername("postgres");
        }
        return new TenantScopedDataSource(pool);
    }

    /** Holder that closes the embedded server after the pool (declared first, destroyed last). */
    public record EmbeddedDatabase(EmbeddedPostgres postgres) implements AutoCloseable {
        /** Whether the embedded server runs. */
        public boolean running() {
            return postgres != null;
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
