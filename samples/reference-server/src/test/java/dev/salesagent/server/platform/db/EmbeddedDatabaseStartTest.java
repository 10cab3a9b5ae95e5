package dev.salesagent.server.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.server.ReferenceServerApplication;
import dev.salesagent.server.platform.PlatformProperties;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded PostgreSQL started in the background while the context is built ({@link EmbeddedDatabaseStart}):
 * taken over by {@link DatabaseConfiguration}, a failed start still stopping the application with the directory in
 * the message, and a server nobody took over stopped when the application fails.
 */
class EmbeddedDatabaseStartTest {

    private final SpringApplication application = new SpringApplication(ReferenceServerApplication.class);

    @Test
    @DisplayName("the server started in the background is the one the pool's configuration takes over, once")
    void backgroundStartIsTakenOver(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabaseStart listener = new EmbeddedDatabaseStart();
        StandardEnvironment environment = environment(dataDir);
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                application, new String[0], environment));
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            listener.onApplicationEvent(new ApplicationContextInitializedEvent(application, new String[0], context));
            EmbeddedDatabaseStart.Pending pending = context.getBeanFactory().getBean(EmbeddedDatabaseStart.BEAN,
                    EmbeddedDatabaseStart.Pending.class);
            assertThat(pending.directory()).isEqualTo(dataDir.resolve("postgres").toAbsolutePath());

            try (DatabaseConfiguration.EmbeddedDatabase database = new DatabaseConfiguration()
                    .embeddedDatabase(properties(environment), context.getBeanFactory().getBeanProvider(
                            EmbeddedDatabaseStart.Pending.class))) {
                assertThat(database.running()).isTrue();
                try (Connection connection = database.postgres().getPostgresDatabase().getConnection();
                     ResultSet rs = connection.createStatement().executeQuery("select current_setting('data_directory')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(Path.of(rs.getString(1)).toRealPath())
                            .isEqualTo(dataDir.resolve("postgres").toRealPath());
                }
                // taken over by the configuration above, not started a second time
                assertThatThrownBy(pending::claim).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("taken over already");
            }
        }
    }

    @Test
    @DisplayName("with an external database nothing starts in the background")
    void externalDatabaseStartsNothing(@TempDir Path dataDir) {
        EmbeddedDatabaseStart listener = new EmbeddedDatabaseStart();
        StandardEnvironment environment = environment(dataDir);
        environment.getPropertySources().addFirst(new MapPropertySource("external",
                Map.of("salesagent.platform.db.url", "jdbc:postgresql://127.0.0.1:1/none")));
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                application, new String[0], environment));
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            listener.onApplicationEvent(new ApplicationContextInitializedEvent(application, new String[0], context));
            assertThat(context.getBeanFactory().containsBean(EmbeddedDatabaseStart.BEAN)).isFalse();
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    @DisplayName("an application that fails before taking the server over stops it")
    void failedApplicationStopsTheServer(@TempDir Path dataDir) {
        EmbeddedDatabaseStart listener = new EmbeddedDatabaseStart();
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                application, new String[0], environment(dataDir)));
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            listener.onApplicationEvent(new ApplicationContextInitializedEvent(application, new String[0], context));
            listener.onApplicationEvent(new ApplicationFailedEvent(application, new String[0], context,
                    new IllegalStateException("some other bean failed")));
        }
        Path postgres = dataDir.resolve("postgres");
        assertThat(postgres.resolve("PG_VERSION")).as("the server was initialised and started").exists();
        assertThat(postgres.resolve("postmaster.pid")).as("and is stopped again").doesNotExist();
    }

    @Test
    @DisplayName("a background start that fails stops the application with the directory and the settings to change")
    void failedStartStopsTheApplication(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        assertThatThrownBy(() -> ReferenceServerApplication.application().run(
                "--salesagent.platform.data-dir=" + notADirectory, "--server.port=0",
                "--salesagent.platform.demo.enabled=false", "--spring.main.banner-mode=off"))
                .hasRootCauseInstanceOf(java.nio.file.FileSystemException.class)
                .satisfies(e -> assertThat(findUnchecked(e)).isNotNull()
                        .extracting(Throwable::getMessage).asString()
                        .contains("Could not start the embedded PostgreSQL in " + notADirectory.resolve("postgres")
                                .toAbsolutePath())
                        .contains("SALESAGENT_DATA_DIR").contains("SALESAGENT_DB_URL"));
    }

    private static UncheckedIOException findUnchecked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked;
            }
        }
        return null;
    }

    private static StandardEnvironment environment(Path dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("salesagent.platform.data-dir", dataDir.toString())));
        return environment;
    }

    private static PlatformProperties properties(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("salesagent.platform", PlatformProperties.class);
    }
}
